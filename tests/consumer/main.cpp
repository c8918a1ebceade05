// A program that uses the installed library as a user's would: it builds a network, writes
// it, reads it back and checks that nothing was lost, and that bad input is reported.
#include <coproduction/coproduction.hpp>

#include <cstdio>
#include <filesystem>

int main() {
  namespace cp = coproduction;
  cp::Network net;
  net.add_stakeholder({.id = "outreach", .kind = cp::Kind::group, .convenor = true, .size = 4});
  net.add_stakeholder({.id = "service_users", .kind = cp::Kind::group, .size = 9});
  net.add_relation({.source = "service_users", .target = "outreach", .type = "learns_from"});
  net.add_project({.id = "film"});
  net.add_decision({.id = "theme", .project = "film", .stage = cp::Stage::design,
                    .rights = {{"outreach", cp::Right::shared}, {"service_users", cp::Right::shared}},
                    .rule = {.kind = cp::RuleKind::unanimity}});
  auto path = std::filesystem::temp_directory_path() / "coproduction_consumer.json";
  cp::write_json(net, path);
  cp::Network back = cp::read_json_file(path);
  std::filesystem::remove(path);
  if (!(back == net)) return 1;
  try {
    net.add_relation({.source = "outreach", .target = "nhs", .type = "informs"});
    return 2;
  } catch (const cp::unknown_id& e) {
    std::printf("%s\n", e.what());
  }
  return 0;
}
