// The registry of measures: every registered measure, called by name on the example networks
// and on several layers of them, gives what the library's own public function gives when
// called directly. The direct calls go through the Boost.Graph view of the network, filtered
// to the layer, so the registry's reading of a layer is checked too.

#include <cmath>
#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <boost/graph/filtered_graph.hpp>
#include <boost/property_map/function_property_map.hpp>
#include <gtest/gtest.h>

#include "coproduction/detail/registry.hpp"
#include "coproduction/io/json.hpp"

namespace cp = coproduction;

namespace {

#ifndef COPRODUCTION_EXAMPLE_DATA
#define COPRODUCTION_EXAMPLE_DATA "python/coproduction/data"
#endif

cp::Network example(const std::string& name) {
  return cp::read_json_file(std::filesystem::path(COPRODUCTION_EXAMPLE_DATA) / (name + ".json"));
}

using Graph = cp::Network::Graph;
using Vertex = boost::graph_traits<Graph>::vertex_descriptor;
using Edge = boost::graph_traits<Graph>::edge_descriptor;

// The layer as the Boost view shows it: relations of the layer's types and scales, between
// stakeholders that are not objects.
struct in_layer {
  const Graph* g = nullptr;
  const cp::layer* l = nullptr;
  bool operator()(Edge e) const {
    const cp::Relation& r = (*g)[e];
    const bool type_ok =
        l->types.empty() || std::find(l->types.begin(), l->types.end(), r.type) != l->types.end();
    const bool scale_ok = l->scales.empty() ||
                          (r.scale && std::find(l->scales.begin(), l->scales.end(), *r.scale) !=
                                          l->scales.end());
    return type_ok && scale_ok && (*g)[boost::source(e, *g)].kind != cp::Kind::object &&
           (*g)[boost::target(e, *g)].kind != cp::Kind::object;
  }
};
struct not_object {
  const Graph* g = nullptr;
  bool operator()(Vertex v) const { return (*g)[v].kind != cp::Kind::object; }
};
using Layer = boost::filtered_graph<Graph, in_layer, not_object>;

// Both NaN, or equal to a relative 1e-12.
void expect_same(double got, double want, const std::string& what) {
  if (std::isnan(want)) {
    EXPECT_TRUE(std::isnan(got)) << what << ": got " << got << ", want NaN";
  } else if (std::isinf(want)) {
    EXPECT_EQ(got, want) << what;  // Palma when the poorest 40% hold nothing
  } else {
    EXPECT_NEAR(got, want, 1e-12 * std::max(1.0, std::abs(want))) << what;
  }
}
void expect_same(const std::vector<double>& got, const std::vector<double>& want,
                 const std::string& what) {
  ASSERT_EQ(got.size(), want.size()) << what;
  for (std::size_t i = 0; i < got.size(); ++i) expect_same(got[i], want[i], what + " [" + std::to_string(i) + "]");
}

struct Case {
  std::string example;
  cp::layer layer;
  std::string name() const {
    std::string s = example + " layer";
    for (const auto& t : layer.types) s += " " + t;
    for (auto sc : layer.scales) s += " @" + std::string(cp::to_string(sc));
    return s;
  }
};

// Direct calls, by measure name, on the filtered view and the network.
using Direct = std::function<std::vector<double>(const Layer&, const cp::Network&,
                                                 const cp::measure_options&)>;

std::vector<double> one(double x) { return {x}; }

std::map<std::string, Direct> direct_calls() {
  std::map<std::string, Direct> d;
  const auto idx = [](const Layer& g) { return get(boost::vertex_index, g); };
  d["degree"] = [idx](const Layer& g, const cp::Network&, const cp::measure_options&) {
    return cp::degree_centrality(g, idx(g), cp::unweighted, cp::degree_options{});
  };
  d["closeness"] = [idx](const Layer& g, const cp::Network&, const cp::measure_options&) {
    return cp::closeness_centrality(g, idx(g), cp::unweighted, cp::closeness_options{});
  };
  d["harmonic"] = [idx](const Layer& g, const cp::Network&, const cp::measure_options&) {
    return cp::harmonic_centrality(g, idx(g), cp::unweighted, cp::harmonic_options{});
  };
  d["betweenness"] = [idx](const Layer& g, const cp::Network&, const cp::measure_options&) {
    return cp::betweenness_centrality(g, idx(g), cp::unweighted, cp::betweenness_options{});
  };
  d["eigenvector"] = [idx](const Layer& g, const cp::Network&, const cp::measure_options&) {
    return cp::eigenvector_centrality(g, idx(g), cp::unweighted, cp::eigenvector_options{});
  };
  d["pagerank"] = [idx](const Layer& g, const cp::Network&, const cp::measure_options&) {
    return cp::pagerank(g, idx(g), cp::unweighted, cp::pagerank_options{});
  };
  d["degree_centralization"] = [idx](const Layer& g, const cp::Network&, const cp::measure_options&) {
    return one(cp::degree_centralization(g, idx(g)));
  };
  d["closeness_centralization"] = [idx](const Layer& g, const cp::Network&, const cp::measure_options&) {
    return one(cp::closeness_centralization(g, idx(g)));
  };
  d["harmonic_centralization"] = [idx](const Layer& g, const cp::Network&, const cp::measure_options&) {
    return one(cp::harmonic_centralization(g, idx(g)));
  };
  d["betweenness_centralization"] = [idx](const Layer& g, const cp::Network&, const cp::measure_options&) {
    return one(cp::betweenness_centralization(g, idx(g)));
  };
  d["eigenvector_centralization"] = [idx](const Layer& g, const cp::Network&, const cp::measure_options&) {
    return one(cp::eigenvector_centralization(g, idx(g)));
  };
  d["density"] = [idx](const Layer& g, const cp::Network&, const cp::measure_options&) {
    return one(cp::density(g, idx(g)));
  };
  d["reciprocity"] = [idx](const Layer& g, const cp::Network&, const cp::measure_options&) {
    return one(cp::reciprocity(g, idx(g)));
  };
  d["vertex_reciprocity"] = [idx](const Layer& g, const cp::Network&, const cp::measure_options&) {
    return cp::vertex_reciprocity(g, idx(g));
  };
  d["connectedness"] = [idx](const Layer& g, const cp::Network&, const cp::measure_options&) {
    return one(cp::connectedness(g, idx(g)));
  };
  d["hierarchy"] = [idx](const Layer& g, const cp::Network&, const cp::measure_options&) {
    return one(cp::krackhardt_hierarchy(g, idx(g)));
  };
  d["efficiency"] = [idx](const Layer& g, const cp::Network&, const cp::measure_options&) {
    return one(cp::krackhardt_efficiency(g, idx(g)));
  };
  d["least_upper_boundedness"] = [idx](const Layer& g, const cp::Network&, const cp::measure_options&) {
    return one(cp::least_upper_boundedness(g, idx(g)));
  };
  const auto group_map = [](const cp::measure_options& o) {
    return boost::make_function_property_map<Vertex>(
        [&o](Vertex v) { return o.groups.at(v); });
  };
  d["ei_index"] = [idx, group_map](const Layer& g, const cp::Network&, const cp::measure_options& o) {
    return one(cp::ei_index(g, idx(g), group_map(o)).network.index);
  };
  d["brokerage"] = [idx, group_map](const Layer& g, const cp::Network&, const cp::measure_options& o) {
    const auto r = cp::brokerage(g, idx(g), group_map(o));
    std::vector<double> total;
    for (const auto& v : r.vertex)
      total.push_back(v.observed[static_cast<std::size_t>(cp::brokerage_role::total)]);
    return total;
  };
  d["constraint"] = [idx](const Layer& g, const cp::Network&, const cp::measure_options&) {
    return cp::constraint(g, idx(g));
  };
  d["effective_size"] = [idx](const Layer& g, const cp::Network&, const cp::measure_options&) {
    return cp::effective_size(g, idx(g));
  };
  // Decision power over the decisions of the project the options name.
  const auto power = [](const cp::Network& net, const cp::measure_options& o) {
    return cp::overall_power(net, cp::decision_power(net), cp::default_decision_weighting,
                             o.project);
  };
  d["decision_power"] = [power](const Layer&, const cp::Network& net, const cp::measure_options& o) {
    return power(net, o);
  };
  d["power_share"] = [power](const Layer&, const cp::Network& net, const cp::measure_options& o) {
    const std::vector<std::size_t> group_of(o.groups.begin(), o.groups.end());
    std::size_t groups = 0;
    for (auto c : group_of) groups = std::max(groups, c + 1);
    return one(cp::power_shares(power(net, o), group_of, groups)[o.group]);
  };
  d["convenor_carried_share"] = [](const Layer&, const cp::Network& net, const cp::measure_options& o) {
    return one(cp::convenor_carried_share(net, cp::default_decision_weighting, o.project));
  };
  d["ladder_rung"] = [](const Layer&, const cp::Network& net, const cp::measure_options& o) {
    const auto r = cp::classify(net, o.project);
    return one(r.type ? 1.0 + static_cast<double>(*r.type) : 0.0);
  };
  for (const char* name : {"partners_consulted", "design_involvement", "design_joint",
                           "delivery_guided", "learning_two_way", "shared_equally"}) {
    d[std::string("ladder_") + name] = [name](const Layer&, const cp::Network& net,
                                              const cp::measure_options& o) {
      for (const auto& c : cp::classify(net, o.project).criteria)
        if (c.name == name) return one(c.value);
      ADD_FAILURE() << "classify gives no criterion " << name;
      return one(0.0);
    };
  }
  const auto of_power = [power](double (*f)(std::span<const double>)) {
    return [power, f](const Layer&, const cp::Network& net, const cp::measure_options& o) {
      return one(f(power(net, o)));
    };
  };
  d["gini"] = of_power(&cp::gini);
  d["theil"] = of_power(&cp::theil);
  d["mld"] = of_power(&cp::mld);
  d["hoover"] = of_power(&cp::hoover);
  d["palma"] = of_power(&cp::palma);
  d["hhi"] = of_power(&cp::hhi);
  d["effective_number"] = of_power(&cp::effective_number);
  d["entropy"] = of_power(&cp::entropy);
  d["atkinson"] = [power](const Layer&, const cp::Network& net, const cp::measure_options& o) {
    return one(cp::atkinson(power(net, o), 1.0));
  };
  d["generalized_entropy"] = [power](const Layer&, const cp::Network& net, const cp::measure_options& o) {
    return one(cp::generalized_entropy(power(net, o), 2.0));
  };
  return d;
}

// Group codes by role, numbered in order of first appearance, "not coded" its own group.
std::vector<std::uint32_t> role_codes(const cp::Network& net) {
  std::map<std::string, std::uint32_t> code;
  std::vector<std::uint32_t> out;
  for (const cp::Stakeholder& s : net.stakeholders()) {
    const std::string key = s.role.empty() ? std::string("not coded") : s.role;
    out.push_back(code.try_emplace(key, static_cast<std::uint32_t>(code.size())).first->second);
  }
  return out;
}

std::vector<Case> cases() {
  return {
      {"twam_partners_2013", {}},
      {"twam_partners_2013", {{"informs"}, {}}},
      {"twam_partners_2013", {{}, {cp::Scale::institution}}},
      {"twam_partners_2013", {{"refers", "informs"}, {cp::Scale::session, cp::Scale::place}}},
      {"nml_collaboration_types", {}},
      {"nml_collaboration_types", {{"learns_from"}, {}}},
  };
}

}  // namespace

TEST(Registry, EveryMeasureHasADirectCallInThisTest) {
  const auto direct = direct_calls();
  std::set<std::string> registered;
  for (const auto& m : cp::registered_measures()) {
    EXPECT_TRUE(registered.insert(std::string(m.name)).second) << "twice: " << m.name;
    EXPECT_TRUE(direct.count(std::string(m.name))) << "no direct call for " << m.name;
    EXPECT_FALSE(m.description.empty()) << m.name;
  }
  EXPECT_EQ(registered.size(), direct.size());
}

TEST(Registry, EveryMeasureByNameEqualsTheDirectCall) {
  const auto direct = direct_calls();
  for (const Case& c : cases()) {
    const cp::Network net = example(c.example);
    cp::measure_options o;
    o.layer = c.layer;
    o.groups = role_codes(net);
    o.group = 0;
    o.project = net.projects().front().id;
    const Graph& g = net.graph();
    const Layer view(g, in_layer{&g, &c.layer}, not_object{&g});
    for (const auto& m : cp::registered_measures()) {
      const std::string what = c.name() + ": " + std::string(m.name);
      std::vector<double> want;
      try {
        want = direct.at(std::string(m.name))(view, net, o);
      } catch (const cp::input_error& e) {
        // Undefined here (the mean log deviation of a quantity some hold none of): the
        // registry refuses it in the same words.
        try {
          cp::compute_measure(m.name, net, o);
          ADD_FAILURE() << what << ": no error, the direct call says " << e.what();
        } catch (const cp::input_error& same) {
          EXPECT_STREQ(same.what(), e.what()) << what;
        }
        continue;
      }
      const cp::measure_value got = cp::compute_measure(m.name, net, o);
      if (m.kind == cp::measure_kind::per_stakeholder) {
        EXPECT_TRUE(std::isnan(got.value)) << what;
        expect_same(got.per_stakeholder, want, what);
      } else {
        EXPECT_TRUE(got.per_stakeholder.empty()) << what;
        ASSERT_EQ(want.size(), 1u) << what;
        expect_same(got.value, want[0], what);
      }
    }
  }
}

TEST(Registry, OptionsReachTheMeasure) {
  const cp::Network net = example("twam_partners_2013");
  const Graph& g = net.graph();
  const cp::layer all{};
  const Layer view(g, in_layer{&g, &all}, not_object{&g});
  const auto idx = get(boost::vertex_index, view);
  const auto weight = boost::make_function_property_map<Edge>(
      [&g](Edge e) { return g[e].strength(); });

  cp::measure_options o;
  o.weighted = true;
  expect_same(cp::compute_measure("betweenness", net, o).per_stakeholder,
              cp::betweenness_centrality(view, idx, weight, cp::betweenness_options{}),
              "weighted betweenness");
  o = {};
  o.directed = false;
  cp::degree_options undirected;
  undirected.directed = false;
  expect_same(cp::compute_measure("degree", net, o).per_stakeholder,
              cp::degree_centrality(view, idx, cp::unweighted, undirected), "undirected degree");
  o = {};
  o.reciprocity = cp::reciprocity_measure::dyadic;
  expect_same(cp::compute_measure("reciprocity", net, o).value,
              cp::reciprocity(view, idx, cp::reciprocity_measure::dyadic), "dyadic reciprocity");
  o = {};
  o.index = cp::power_measure::shapley_shubik;
  o.decisions = cp::decision_weighting::equal;
  expect_same(cp::compute_measure("decision_power", net, o).per_stakeholder,
              cp::overall_power(net, cp::decision_power(net, cp::power_measure::shapley_shubik),
                                cp::decision_weighting::equal),
              "equal-weight Shapley-Shubik power");
  o = {};
  o.quantity = "betweenness";
  std::vector<double> b = cp::betweenness_centrality(view, idx, cp::unweighted, {});
  std::erase_if(b, [](double x) { return std::isnan(x); });
  expect_same(cp::compute_measure("gini", net, o).value, cp::gini(b), "Gini of betweenness");
  o.parameter = 0.5;
  o.quantity = "degree";
  std::vector<double> d = cp::degree_centrality(view, idx, cp::unweighted, {});
  std::erase_if(d, [](double x) { return std::isnan(x); });
  expect_same(cp::compute_measure("atkinson", net, o).value, cp::atkinson(d, 0.5),
              "Atkinson(0.5) of degree");
}

TEST(Registry, ARewiredLayerIsReadInsteadOfTheNetworksRelations) {
  // A layer given as arrays replaces the network's relations: here a directed star on the
  // first four stakeholders, whose degree centralization is known (1 for in-degree).
  const cp::Network net = example("nml_collaboration_types");
  cp::layer_edges star;
  star.vertices = {0, 1, 2, 3};
  star.source = {1, 2, 3};
  star.target = {0, 0, 0};
  star.weight = {1, 1, 1};
  cp::measure_options o;
  o.degree = cp::degree_mode::in;
  EXPECT_DOUBLE_EQ(cp::compute_measure("degree_centralization", net, star, o).value, 1.0);
  const auto deg = cp::compute_measure("degree", net, star, o).per_stakeholder;
  ASSERT_EQ(deg.size(), net.num_stakeholders());
  EXPECT_DOUBLE_EQ(deg[0], 1.0);  // 3 of n - 1 = 3 possible
  EXPECT_DOUBLE_EQ(deg[1], 0.0);
  EXPECT_TRUE(std::isnan(deg[4]));  // not in the layer
  EXPECT_DOUBLE_EQ(cp::compute_measure("density", net, star, o).value, 3.0 / 12.0);
  star.vertices = {0, 1, 2, static_cast<cp::Network::vertex_type>(net.num_stakeholders())};
  EXPECT_THROW(cp::compute_measure("density", net, star, o), cp::input_error);
}

TEST(Registry, BadNamesAndOptionsAreInputErrors) {
  const cp::Network net = example("twam_partners_2013");
  try {
    cp::compute_measure("ginni", net);
    FAIL() << "no error";
  } catch (const cp::input_error& e) {
    EXPECT_EQ(e.where(), "measure");
    EXPECT_NE(std::string(e.what()).find("gini"), std::string::npos) << e.what();
  }
  cp::measure_options o;
  EXPECT_THROW(cp::compute_measure("ei_index", net, o), cp::input_error);  // no groups
  o.quantity = "density";
  EXPECT_THROW(cp::compute_measure("gini", net, o), cp::input_error);  // not per stakeholder
  o = {};
  EXPECT_THROW(cp::compute_measure("ladder_rung", net, o), cp::input_error);  // no project
  o.project = "no_such_project";
  EXPECT_THROW(cp::compute_measure("ladder_rung", net, o), cp::unknown_id);
  o = {};
  o.layer.types = {"no_such_type"};
  EXPECT_THROW(cp::compute_measure("density", net, o), cp::input_error);
}
