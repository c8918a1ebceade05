// libFuzzer target: the GraphML and GEXF readers (and the XML reader beneath them) and both
// writers. Any bytes are either refused by a reader with the library's own `format_error`, or
// read into a network that writes out in both formats and reads back equal, a second write
// giving the same text as the first. Any other exception, a crash, a hang or a sanitizer
// report is a finding.
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

namespace {

// A network read from the input must survive both formats exactly.
void round_trips(const cp::Network& net) {
  try {
    const std::string graphml = cp::dump_graphml(net);
    const cp::Network back = cp::read_graphml(graphml);
    if (!(back == net)) finding("GraphML read back differs", graphml);
    if (cp::dump_graphml(back) != graphml) finding("two GraphML writes differ", graphml);
    const std::string gexf = cp::dump_gexf(net);
    const cp::Network again = cp::read_gexf(gexf);
    if (!(again == net)) finding("GEXF read back differs", gexf);
    if (cp::dump_gexf(again) != gexf) finding("two GEXF writes differ", gexf);
  } catch (const cp::error& e) {
    finding("a network read could not be written and read back", e.what());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  // The first byte picks small limits now and then, so the limits themselves are exercised.
  cp::XmlLimits limits;
  if (size > 0 && data[0] == ' ') {
    limits.max_depth = 1 + size % 8;
    limits.max_attributes = 1 + size % 5;
    limits.max_attribute_bytes = 1 + size % 64;
  }
  for (const bool gexf : {false, true}) {
    cp::Network net;
    try {
      net = gexf ? cp::read_gexf(text, limits) : cp::read_graphml(text, limits);
    } catch (const cp::format_error& e) {
      // Every problem names its line (or a pointer of the JSON document inside).
      for (const auto& p : e.problems())
        if (p.pointer.rfind("line ", 0) != 0 && !p.pointer.empty())
          finding("a problem without its line", e.what());
      continue;
    }
    round_trips(net);
  }
  return 0;
}
