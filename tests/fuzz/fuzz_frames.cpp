// libFuzzer target: the frame reader. The input's bytes are decoded into up to five frames of
// cells of every kind (missing, booleans, integers at their limits, numbers with NaN and
// infinities, words of the vocabularies, awkward strings with NUL, quotes, right-to-left
// marks and invalid UTF-8, structured values, unreadable values) and read onto an empty or a
// small base network. The reader either throws the library's `format_error`, with at least
// one problem, each at a pointer into a frame and in valid UTF-8, leaving the network as it
// was; or returns a network that writes out as JSON and reads back equal. Any other
// exception, a crash, a hang or a sanitizer report is a finding.
//
// Byte format (each byte read past the end is 0):
//   byte 0          bits 0-4: which of stakeholders, relations, projects, decisions, rights
//                   are given; bit 5: read onto the base network instead of an empty one
//   per frame       columns = byte % 7, rows = byte % 6, then per column:
//     name          byte < 200: the frame's known column names and "ward", "attributes";
//                   else an awkward name (empty, invalid UTF-8, "~/", a repeat)
//     short         byte == 255 makes the column one cell short
//     cells         per cell: kind = byte % 10, then the kind's own bytes (see `cell`)
//
//   make fuzz SECONDS=1800

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include <coproduction/coproduction.hpp>

#include "finding.hpp"

namespace cp = coproduction;

namespace {

class Bytes {
 public:
  Bytes(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
  std::uint8_t next() { return pos_ < size_ ? data_[pos_++] : 0; }
  std::uint64_t next64() {
    std::uint64_t x = 0;
    for (int i = 0; i < 8; ++i) x = (x << 8) | next();
    return x;
  }

 private:
  const std::uint8_t* data_;
  std::size_t size_, pos_ = 0;
};

const std::vector<std::string>& words() {
  static const std::vector<std::string> w = {
      "a", "b", "c", "d", "p", "q", "d1", "d2", "3",
      "person", "group", "organisation", "object", "robot",
      "lived", "learnt", "both", "session", "institution", "place",
      "conception", "design", "delivery", "evaluation", "governance",
      "none", "informed", "consulted", "involved", "shared", "decides",
      "sole", "unanimity", "majority", "quota",
      "consultation", "engagement", "co-design", "co-production",
      "true", "False", "YES", "no", "1", "0", "maybe", "None", "nan",
      "", "2013", "2013-05", "2013-05-14", "2013-13",
      "informs", "trusts", "learns_from", "Informs", "member_of"};
  return w;
}

const std::vector<std::string>& awkward() {
  static const std::vector<std::string> w = {
      std::string("\0", 1), std::string("a\0b", 3), "\"", "'", "\\", "\u202E", "a\u202Eb",
      "\xff", "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xe2\x82", "~/", "~0~1/",
      "\u00e9", std::string(300, 'x') + "\xc3", " yes", "TRUE ", "\n", "\t"};
  return w;
}

std::string name_of(Bytes& in, const std::vector<std::string>& known) {
  const std::uint8_t b = in.next();
  if (b < 200) return known[b % known.size()];
  static const std::vector<std::string> odd = {"", "\xff", "~/", "a/b", "id", "attributes", "\u202E"};
  return odd[b % odd.size()];
}

nlohmann::json small_json(Bytes& in, int depth) {
  const std::uint8_t b = in.next();
  switch (b % 8) {
    case 0: return nullptr;
    case 1: return (b & 8) != 0;
    case 2: return static_cast<std::int8_t>(in.next());
    case 3: return static_cast<double>(static_cast<std::int8_t>(in.next())) / 4.0;
    case 4: return words()[in.next() % words().size()];
    case 5: return awkward()[in.next() % awkward().size()];
    case 6: {
      nlohmann::json a = nlohmann::json::array();
      if (depth < 3)
        for (int i = in.next() % 3; i > 0; --i) a.push_back(small_json(in, depth + 1));
      return a;
    }
    default: {
      nlohmann::json o = nlohmann::json::object();
      if (depth < 3)
        for (int i = in.next() % 3; i > 0; --i) {
          const std::uint8_t k = in.next();
          const std::string& key =
              k & 1 ? awkward()[k % awkward().size()] : words()[k % words().size()];
          o[key] = small_json(in, depth + 1);
        }
      return o;
    }
  }
}

cp::Cell cell(Bytes& in) {
  static const std::int64_t big[] = {std::numeric_limits<std::int64_t>::min(),
                                     std::numeric_limits<std::int64_t>::max(),
                                     std::int64_t{1} << 53, (std::int64_t{1} << 53) + 1, -1, 0,
                                     1, 2, 1000000000000000};
  static const double numbers[] = {0.0, 1.0, 0.5, 1.5, 2.0, -1.0, -0.0, 4.0,
                                   std::numeric_limits<double>::infinity(),
                                   -std::numeric_limits<double>::infinity(),
                                   std::numeric_limits<double>::quiet_NaN(), 1e300, 9007199254740992.0,
                                   9007199254740994.0, std::numeric_limits<double>::denorm_min()};
  const std::uint8_t kind = in.next() % 10;
  switch (kind) {
    case 0: return cp::Cell();
    case 1: return cp::Cell((in.next() & 1) != 0);
    case 2: return cp::Cell(static_cast<std::int64_t>(static_cast<std::int8_t>(in.next())));
    case 3: {
      const std::uint8_t b = in.next();
      if (b < 240) return cp::Cell(big[b % std::size(big)]);
      return cp::Cell(in.next64());  // above the int64 range: unreadable
    }
    case 4: {
      const std::uint8_t b = in.next();
      if (b < 240) return cp::Cell(numbers[b % std::size(numbers)]);
      const std::uint64_t bits = in.next64();
      double x;
      std::memcpy(&x, &bits, sizeof x);
      return cp::Cell(x);
    }
    case 5: return cp::Cell(words()[in.next() % words().size()]);
    case 6: return cp::Cell(awkward()[in.next() % awkward().size()]);
    case 7: {
      std::string raw;
      for (int n = in.next() % 16; n > 0; --n) raw += static_cast<char>(in.next());
      return cp::Cell(raw);
    }
    case 8: return cp::Cell::from_json(small_json(in, 0));
    default: return cp::Cell::unreadable("a Timestamp");
  }
}

cp::Frame frame(Bytes& in, const std::vector<std::string>& known) {
  cp::Frame f;
  const int columns = in.next() % 7, rows = in.next() % 6;
  for (int c = 0; c < columns; ++c) {
    std::string name = name_of(in, known);
    const int n = rows > 0 && in.next() == 255 ? rows - 1 : rows;
    std::vector<cp::Cell> cells;
    for (int r = 0; r < n; ++r) cells.push_back(cell(in));
    f.add(std::move(name), std::move(cells));
  }
  return f;
}

cp::Network base() {
  cp::Network net;
  net.add_stakeholder({.id = "a", .kind = cp::Kind::group, .size = 2});
  net.add_stakeholder({.id = "b"});
  net.add_relation({.source = "a", .target = "b", .type = "informs"});
  net.add_project({.id = "p"});
  net.add_decision({.id = "d1", .project = "p", .stage = cp::Stage::design,
                    .rights = {{"a", cp::Right::decides}}});
  return net;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::vector<std::string> stakeholder_names = {
      "id", "label", "kind", "role", "sector", "expertise", "under_served", "paid",
      "convenor", "size", "influence", "attributes", "ward"};
  static const std::vector<std::string> relation_names = {
      "source", "target", "type", "weight", "scale", "reported_by", "date", "method",
      "attributes", "ward"};
  static const std::vector<std::string> project_names = {"id", "label", "claimed", "attributes",
                                                         "ward"};
  static const std::vector<std::string> decision_names = {
      "id", "label", "project", "stage", "rule", "quota", "weight", "attributes", "ward"};
  static const std::vector<std::string> right_names = {"decision", "stakeholder", "right",
                                                       "votes", "veto", "ward"};

  Bytes in(data, size);
  const std::uint8_t given = in.next();
  cp::Frames frames;
  if (given & 1) frames.stakeholders = frame(in, stakeholder_names);
  if (given & 2) frames.relations = frame(in, relation_names);
  if (given & 4) frames.projects = frame(in, project_names);
  if (given & 8) frames.decisions = frame(in, decision_names);
  if (given & 16) frames.rights = frame(in, right_names);

  cp::Network net = (given & 32) ? base() : cp::Network();
  const cp::Network before = net;
  try {
    cp::add_frames(net, frames);
  } catch (const cp::format_error& e) {
    if (e.problems().empty()) finding("a format_error without a problem", e.what());
    for (const auto& p : e.problems()) {
      bool framed = false;
      for (const char* f : {"/stakeholders", "/relations", "/projects", "/decisions", "/rights"})
        framed |= p.pointer.rfind(f, 0) == 0;
      if (!framed) finding("a problem outside the frames", p.pointer + ": " + p.message);
      if (!cp::detail::valid_utf8(p.message) || !cp::detail::valid_utf8(p.pointer))
        finding("a problem that is not valid UTF-8", p.pointer + ": " + p.message);
    }
    if (!cp::detail::valid_utf8(e.what())) finding("a message that is not valid UTF-8", e.what());
    if (!(net == before)) finding("a refused read changed the network", e.what());
    return 0;
  } catch (const cp::error& e) {
    finding("a problem escaped the reader's list", e.what());
  } catch (const std::exception& e) {
    finding("an exception that is not the library's", e.what());
  } catch (...) {
    finding("an exception that is not the library's", "(not a std::exception)");
  }
  // A network read from frames is a valid network: it writes out and reads back equal.
  std::string text;
  try {
    text = cp::dump_json(net);
    if (!(cp::read_json(text) == net)) finding("read back differs", text);
  } catch (const cp::error& e) {
    finding("a network read from frames could not be written and read back",
            std::string(e.what()) + "\n" + text);
  }
  return 0;
}
