// A program that uses the installed library as a user's would: it builds a network, writes
// it as JSON, GraphML, GEXF, a folder of CSV files and an .xlsx workbook, reads each back and
// checks that nothing was lost, writes a Kumu map, edits it, writes two waves as JSON and as
// dynamic GEXF, and checks that bad input is reported.
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
  const auto graphml = std::filesystem::temp_directory_path() / "coproduction_consumer.graphml";
  cp::write_graphml(net, graphml);
  const bool graphml_same = cp::read_graphml_file(graphml) == net;
  std::filesystem::remove(graphml);
  const auto gexf = std::filesystem::temp_directory_path() / "coproduction_consumer.gexf";
  cp::write_gexf(net, gexf);
  const bool gexf_same = cp::read_gexf_file(gexf) == net;
  std::filesystem::remove(gexf);
  if (!graphml_same || !gexf_same) return 3;
  const auto folder = std::filesystem::temp_directory_path() / "coproduction_consumer_sheets";
  cp::write_spreadsheet(net, folder);
  const bool csv_same = cp::read_spreadsheet(folder) == net;
  std::filesystem::remove_all(folder);
  const auto book = std::filesystem::temp_directory_path() / "coproduction_consumer.xlsx";
  cp::write_spreadsheet(net, book, {cp::rights_layout::wide});
  const bool book_same = cp::read_spreadsheet(book) == net;
  std::filesystem::remove(book);
  if (!csv_same || !book_same) return 7;
  const auto map = cp::kumu_blueprint(net);
  if (map["elements"].size() != 2 || map["connections"].size() != 1) return 8;
  cp::Network edited = net;
  edited.remove_stakeholder("service_users", true);
  if (edited.num_stakeholders() != 1 || edited.num_relations() != 0) return 4;
  // Two waves: written and read as one document, and what changed between them.
  const cp::Timeline waves({{.name = "2013", .network = net}, {.name = "2014", .network = edited}});
  const auto timeline = std::filesystem::temp_directory_path() / "coproduction_consumer_waves.json";
  cp::write_timeline(waves, timeline);
  const bool waves_same = cp::read_timeline_file(timeline) == waves;
  std::filesystem::remove(timeline);
  const auto dynamic = std::filesystem::temp_directory_path() / "coproduction_consumer_waves.gexf";
  cp::write_gexf_timeline(waves, dynamic);
  const bool gexf_waves_same = cp::read_gexf_timeline_file(dynamic) == waves;
  std::filesystem::remove(dynamic);
  if (!gexf_waves_same) return 9;
  const cp::network_diff change = cp::diff(waves, 0, 1);
  if (!waves_same || change.stakeholders.size() != 1) return 5;
  // A permutation test of a gap between two groups: exact with four values (6 relabellings).
  const std::vector<double> values{0.1, 0.2, 0.7, 0.9};
  const std::vector<std::size_t> groups{0, 0, 1, 1};
  cp::permutation_options options;
  options.draws = 1000;
  const cp::permutation_result test =
      cp::permutation_test(values, groups, cp::group_statistic::mean_gap, options);
  if (!test.exact || test.p_value <= 0 || test.p_value > 1) return 6;
  try {
    net.add_relation({.source = "outreach", .target = "nhs", .type = "informs"});
    return 2;
  } catch (const cp::unknown_id& e) {
    std::printf("%s\n", e.what());
  }
  return 0;
}
