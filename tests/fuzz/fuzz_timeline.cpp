// libFuzzer target: the timeline reader and writer (io/timeline_json.hpp). Any text is either
// refused with the library's own `format_error`, or read into a timeline that writes out and
// reads back equal, with the second write the same text as the first; the difference of its
// first and last waves is computed, and its presence table. Any other exception, a crash, a hang or a
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
  cp::Timeline timeline;
  try {
    // The first byte picks a depth limit now and then, so the limit itself is exercised.
    cp::ReadLimits limits;
    if (size > 0 && data[0] == ' ') limits.max_depth = 1 + size % 12;
    timeline = cp::read_timeline(text, limits);
  } catch (const cp::format_error&) {
    return 0;
  }
  std::string once, twice;
  try {
    once = cp::dump_timeline(timeline);
    const cp::Timeline back = cp::read_timeline(once);
    if (!(back == timeline)) finding("read back differs", once);
    twice = cp::dump_timeline(back);
    if (!(cp::read_timeline(cp::dump_timeline(timeline, -1)) == timeline))
      finding("one-line text reads back differently", once);
    if (timeline.size() > 1) (void)cp::diff(timeline, 0, timeline.size() - 1);
    (void)timeline.presence();
  } catch (const cp::error& e) {
    finding("a timeline read could not be written, read back or compared", e.what());
  }
  if (once != twice) finding("two writes differ", once + "\n---\n" + twice);
  return 0;
}
