// What every fuzz target does on a finding: say what it is, with the start of the input or
// output that shows it, and abort so that libFuzzer keeps the input.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>

[[noreturn]] inline void finding(const char* what, const std::string& detail) {
  std::fprintf(stderr, "finding: %s\n%s\n", what, detail.substr(0, 2000).c_str());
  std::abort();
}
