// libFuzzer target: the JSON reader and writer. Any text is either refused with the library's
// own `format_error`, or read into a network that writes out and reads back equal, with the
// second write the same text as the first. Any other exception, a crash, a hang or a
// sanitizer report is a finding.
//
//   make fuzz SECONDS=1800

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstdio>
#include <string>
#include <string_view>

#include <coproduction/coproduction.hpp>

#include "finding.hpp"

namespace cp = coproduction;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  cp::Network net;
  try {
    // The first byte picks a depth limit now and then, so the limit itself is exercised.
    cp::ReadLimits limits;
    if (size > 0 && data[0] == ' ') limits.max_depth = 1 + size % 8;
    net = cp::read_json(text, limits);
  } catch (const cp::format_error&) {
    return 0;
  }
  std::string once, twice;
  try {
    once = cp::dump_json(net);
    const cp::Network back = cp::read_json(once);
    if (!(back == net)) finding("read back differs", once);
    twice = cp::dump_json(back);
    if (!(cp::read_json(cp::dump_json(net, -1)) == net)) finding("one-line text reads back differently", once);
  } catch (const cp::error& e) {
    finding("a network read could not be written and read back", e.what());
  }
  if (once != twice) finding("two writes differ", once + "\n---\n" + twice);
  return 0;
}
