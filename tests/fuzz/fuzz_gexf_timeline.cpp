// libFuzzer target: the dynamic GEXF reader and writer of timelines (io/gexf_timeline.hpp).
// Any text is either refused with the library's own `format_error`, or read into a timeline
// that writes out and reads back equal, the second write the same text as the first. Any
// other exception, a crash, a hang or a sanitizer report is a finding.
//
//   make fuzz SECONDS=1800

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include <coproduction/coproduction.hpp>

#include "finding.hpp"

namespace cp = coproduction;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  cp::Timeline timeline;
  try {
    timeline = cp::read_gexf_timeline(text);
  } catch (const cp::format_error&) {
    return 0;
  }
  std::string once, twice;
  try {
    once = cp::dump_gexf_timeline(timeline);
    const cp::Timeline back = cp::read_gexf_timeline(once);
    if (!(back == timeline)) finding("read back differs", once);
    twice = cp::dump_gexf_timeline(back);
  } catch (const cp::error& e) {
    finding("a timeline read could not be written or read back", e.what());
  }
  if (once != twice) finding("two writes differ", once + "\n---\n" + twice);
  return 0;
}
