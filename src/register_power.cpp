// Python bindings of include/coproduction/power/, into `_core.power`: the power indices of
// weighted voting games (simple_game.hpp ... owen.hpp, monte_carlo.hpp) and the power of each
// stakeholder in the decisions of a network (decision_game.hpp, decision_power.hpp,
// bloc_power.hpp).
//
// numpy in, numpy out: weights arrive as a 1-D integer array, veto holders and bloc labels
// as integer arrays of positions / codes; every index comes back as a float array in player
// order, an estimate as a dict of arrays. The functions of a network take the `_core.Network`
// of a `coproduction.Network` and return numpy arrays, lists of ids and dicts of columns.
// Labels, pandas and the choice of method live in python/coproduction/power.py and
// decision_power.py.

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "arrays.hpp"
#include "columns.hpp"
#include "coproduction/error.hpp"
#include "coproduction/model/network.hpp"
#include "coproduction/power/banzhaf.hpp"
#include "coproduction/power/bloc_power.hpp"
#include "coproduction/power/decision_game.hpp"
#include "coproduction/power/decision_power.hpp"
#include "coproduction/power/deegan_packel.hpp"
#include "coproduction/power/holler.hpp"
#include "coproduction/power/johnston.hpp"
#include "coproduction/power/minimal_winning.hpp"
#include "coproduction/power/monte_carlo.hpp"
#include "coproduction/power/owen.hpp"
#include "coproduction/power/shapley_shubik.hpp"
#include "coproduction/power/simple_game.hpp"
#include "interrupt.hpp"
#include "options.hpp"
#include "register.hpp"

namespace coproduction::python {

namespace {

namespace py = pybind11;

// Positions of players (veto holders) or codes of blocs and groups.
std::vector<std::size_t> positions(const index_array& a, const char* where) {
  return non_negative(a, where, [](std::size_t, std::int64_t x) {
    return "entry " + std::to_string(x) + " is negative: positions and codes are non-negative";
  });
}

std::vector<std::int64_t> votes(const index_array& weights) {
  const auto w = one_dimensional(weights, "weights");
  return {w.begin(), w.end()};
}

weighted_game make_game(const index_array& weights, std::int64_t quota, const index_array& veto) {
  return weighted_game(votes(weights), quota, positions(veto, "veto"));
}

py::dict to_dict(power_estimate&& e) {
  py::dict d;
  d["value"] = to_numpy(std::move(e.value));
  d["standard_error"] = to_numpy(std::move(e.standard_error));
  d["lower"] = to_numpy(std::move(e.lower));
  d["upper"] = to_numpy(std::move(e.upper));
  d["samples"] = e.samples;
  d["confidence"] = e.confidence;
  return d;
}

// A power table as a dict: stakeholders (row ids), columns (decision, stage or project ids)
// and values (a 2-D float array).
py::dict to_dict(power_table&& t) {
  py::dict d;
  const std::size_t rows = t.stakeholders.size(), cols = t.columns.size();
  d["stakeholders"] = t.stakeholders;
  d["columns"] = t.columns;
  d["values"] = to_numpy(std::move(t.values), rows, cols);
  return d;
}

constexpr const char* game_doc = R"(
weights : 1-D int64 array
    Votes of each player (>= 0).
quota : int
    Votes a coalition needs (1 <= quota <= sum of weights).
veto : 1-D int64 array
    Positions of the veto holders (may be empty).
)";

}  // namespace

void register_power(pybind11::module_& m) {
  const auto w = py::arg("weights");
  const auto q = py::arg("quota");
  const auto v = py::arg("veto");
  const auto most = py::arg("max_coalitions");

  m.def(
      "banzhaf",
      [](const index_array& weights, std::int64_t quota, const index_array& veto, bool normalized) {
        const weighted_game g = make_game(weights, quota, veto);
        return to_numpy(
            without_gil([&] { return banzhaf(g, scale_of(normalized), python_signals); }));
      },
      w, q, v, py::arg("normalized"),
      (std::string("Banzhaf index by dynamic programming over vote totals.\n") + game_doc).c_str());
  // The indices that read the game alone; the game is built and checked with the GIL, then
  // the index runs without it (safe: it reads only the C++ game).
  using game_index = std::vector<double> (*)(const weighted_game&, const stop_check&);
  const auto index = [&](const char* name, game_index kernel, const std::string& doc) {
    m.def(
        name,
        [kernel](const index_array& weights, std::int64_t quota, const index_array& veto) {
          const weighted_game g = make_game(weights, quota, veto);
          return to_numpy(without_gil([&] { return kernel(g, python_signals); }));
        },
        w, q, v, doc.c_str());
  };
  // The indices read from the minimal winning coalitions, visiting at most max_coalitions.
  using coalition_index =
      std::vector<double> (*)(const weighted_game&, std::uint64_t, const stop_check&);
  const auto by_coalitions = [&](const char* name, coalition_index kernel, const char* doc) {
    m.def(
        name,
        [kernel](const index_array& weights, std::int64_t quota, const index_array& veto,
                 std::uint64_t max_coalitions) {
          const weighted_game g = make_game(weights, quota, veto);
          return to_numpy(without_gil([&] { return kernel(g, max_coalitions, python_signals); }));
        },
        w, q, v, most = default_max_visited_coalitions, doc);
  };
  index("shapley_shubik", &shapley_shubik,
        std::string("Shapley-Shubik index, exact, over vote totals.\n") + game_doc);
  by_coalitions("deegan_packel", &deegan_packel<weighted_game>,
                "Deegan-Packel index from the minimal winning coalitions (<= 64 players, at "
                "most max_coalitions of them).");
  by_coalitions("holler", &holler<weighted_game>,
                "Holler public good index from the minimal winning coalitions (<= 64 players, "
                "at most max_coalitions of them).");
  index("johnston", &johnston<weighted_game>,
        "Johnston index by enumerating the coalitions (<= 25 players).");
  m.def(
      "minimal_winning_count",
      [](const index_array& weights, std::int64_t quota, const index_array& veto) {
        const weighted_game g = make_game(weights, quota, veto);
        const coalition_count c =
            without_gil([&] { return minimal_winning_count(g, python_signals); });
        return py::make_tuple(c.count, c.exact);
      },
      w, q, v,
      "Number of minimal winning coalitions (<= 64 players) as (count, exact); when exact is "
      "False, count is an upper bound.");
  m.def(
      "minimal_winning",
      [](const index_array& weights, std::int64_t quota, const index_array& veto,
         std::uint64_t max_coalitions) {
        const weighted_game g = make_game(weights, quota, veto);
        std::vector<coalition> found = without_gil(
            [&] { return minimal_winning_coalitions(g, max_coalitions, python_signals); });
        return filled<bool>(found.size(), g.players(), [&](std::size_t r, std::size_t c) {
          return (found[r] >> c & 1U) != 0;
        });
      },
      w, q, v, most = default_max_listed_coalitions,
      "Minimal winning coalitions as a boolean matrix (one row per coalition, <= 64 players, "
      "at most max_coalitions rows).");
  m.def(
      "owen",
      [](const index_array& weights, std::int64_t quota, const index_array& veto,
         const index_array& blocs) {
        const weighted_game g = make_game(weights, quota, veto);
        const std::vector<std::size_t> b = positions(blocs, "blocs");
        return to_numpy(without_gil([&] { return owen(g, b, python_signals); }));
      },
      w, q, v, py::arg("blocs"), "Owen value with a priori unions; blocs: one code per player.");
  m.def(
      "banzhaf_owen",
      [](const index_array& weights, std::int64_t quota, const index_array& veto,
         const index_array& blocs, bool normalized) {
        const weighted_game g = make_game(weights, quota, veto);
        const std::vector<std::size_t> b = positions(blocs, "blocs");
        return to_numpy(
            without_gil([&] { return banzhaf_owen(g, b, scale_of(normalized), python_signals); }));
      },
      w, q, v, py::arg("blocs"), py::arg("normalized"),
      "Banzhaf-Owen index with a priori unions; blocs: one code per player.");
  m.def(
      "monte_carlo",
      [](const std::string& index, const index_array& weights, std::int64_t quota,
         const index_array& veto, std::size_t samples, std::uint64_t seed, double confidence,
         bool normalized) {
        const weighted_game g = make_game(weights, quota, veto);
        const sampled_index which = sampled_index_option(index);
        const sampling_options o{samples, seed, confidence, python_signals};
        power_estimate e = without_gil([&] {
          switch (which) {
            case sampled_index::banzhaf: return banzhaf_monte_carlo(g, scale_of(normalized), o);
            case sampled_index::shapley_shubik: return shapley_shubik_monte_carlo(g, o);
            case sampled_index::deegan_packel: return deegan_packel_monte_carlo(g, o);
            case sampled_index::holler: return holler_monte_carlo(g, o);
            case sampled_index::johnston: break;
          }
          return johnston_monte_carlo(g, o);  // sampled_index::johnston
        });
        return to_dict(std::move(e));
      },
      py::arg("index"), w, q, v, py::arg("samples"), py::arg("seed"), py::arg("confidence"),
      py::arg("normalized") = true,
      "Seeded Monte Carlo estimate with pointwise confidence intervals; returns a dict of "
      "arrays value, standard_error, lower, upper and the scalars samples, confidence.");

  // ---- decision power in a network --------------------------------------------------------
  // Each kernel reads the network where it is, held for reading (interrupt.hpp), and builds
  // only C++ values; the Python objects are made after the GIL is back.
  const auto net_arg = py::arg("net");
  m.def(
      "decision_power",
      [](const Network& net, const std::string& index, std::uint64_t max_coalitions) {
        const power_measure measure = parse_power_measure(index);
        return to_dict(held_network(net, [&](const Network& n) {
          return decision_power(n, measure, python_signals, max_coalitions);
        }));
      },
      net_arg, py::arg("index") = "banzhaf",
      py::arg("max_coalitions") = default_max_visited_coalitions,
      "Stakeholders x decisions matrix of a power index: dict of stakeholders, columns (decision "
      "ids) and values (2-D float array); 0 for non-holders.");
  m.def(
      "power_by",
      [](const Network& net, const std::string& index, const std::string& by, bool weighted,
         const std::optional<std::string>& project, std::uint64_t max_coalitions) {
        const power_measure measure = parse_power_measure(index);
        const power_grouping grouping = grouping_option(by);
        if (grouping == power_grouping::project && project)
          throw input_error("project", "a project cannot be chosen when aggregating by project");
        const std::string chosen = project.value_or("");
        const decision_weighting w = weighting_of(weighted);
        return to_dict(held_network(net, [&](const Network& n) {
          const power_table table = decision_power(n, measure, python_signals, max_coalitions);
          if (grouping == power_grouping::stage) return power_by_stage(n, table, w, chosen);
          if (grouping == power_grouping::project) return power_by_project(n, table, w);
          return power_table{table.stakeholders, {"all"}, overall_power(n, table, w, chosen)};
        }));
      },
      net_arg, py::arg("index"), py::arg("by"), py::arg("weighted"), py::arg("project"),
      py::arg("max_coalitions") = default_max_visited_coalitions,
      "Weighted mean of decision power over the decisions of each stage, each project, or all "
      "(`by` = \"stage\", \"project\", \"all\"); optionally only one project's decisions.");
  m.def(
      "power_shares",
      [](const real_array& power, const index_array& groups, std::size_t count) {
        const auto shares = one_dimensional(power, "power");
        const std::vector<double> p(shares.begin(), shares.end());
        const std::vector<std::size_t> g = positions(groups, "group_of");
        return to_numpy(power_shares(p, g, count));
      },
      py::arg("power"), py::arg("groups"), py::arg("count"),
      "Each group's share of the total: groups are codes 0..count-1, one per value.");
  m.def(
      "convenor_carried",
      [](const Network& net) {
        return to_numpy(held_network(net, [](const Network& n) { return convenor_carried(n); }));
      },
      net_arg, "Per decision (insertion order): whether the convenor holders carry it alone.");
  m.def(
      "taking_part",
      [](const Network& net, const std::optional<std::string>& project) {
        const std::string chosen = project.value_or("");
        return to_numpy(held_network(net, [&](const Network& n) { return taking_part(n, chosen); }));
      },
      net_arg, py::arg("project"),
      "Per stakeholder (vertex order): whether it takes part in the project (or, with None, "
      "the partnership): not an object, and a right above none in one of the project's "
      "decisions or in no decision at all.");
  m.def(
      "convenor_carried_share",
      [](const Network& net, bool weighted, const std::optional<std::string>& project) {
        const std::string chosen = project.value_or("");
        return held_network(net, [&](const Network& n) {
          return convenor_carried_share(n, weighting_of(weighted), chosen);
        });
      },
      net_arg, py::arg("weighted"), py::arg("project"),
      "The share of the decisions (of one project, or all) that the convenors carry alone, "
      "each counting once or by its weight.");
  m.def(
      "can_swing",
      [](const Network& net) {
        const auto [rows, cols, values] = held_network(net, [](const Network& n) {
          const std::size_t s = n.num_stakeholders(), k = n.num_decisions();
          std::vector<bool> v(s * k, false);
          for (std::size_t c = 0; c < k; ++c) {
            const decision_game g(n.decisions()[c]);
            const std::vector<bool> swings = g.can_swing(python_signals);
            for (std::size_t i = 0; i < g.size(); ++i)
              v[n.vertex(g.holders()[i]) * k + c] = swings[i];
          }
          return std::tuple<std::size_t, std::size_t, std::vector<bool>>{s, k, std::move(v)};
        });
        return filled<bool>(rows, cols,
                            [&](std::size_t r, std::size_t c) { return values[r * cols + c]; });
      },
      net_arg,
      "Stakeholders x decisions booleans: the holder's Banzhaf swing count is positive (exact).");
  m.def(
      "veto_players",
      [](const Network& net) {
        const std::vector<veto_holding> found =
            held_network(net, [](const Network& n) { return veto_players(n); });
        py::dict d;
        d["decision"] = list_column(found, &veto_holding::decision);
        d["stakeholder"] = list_column(found, &veto_holding::stakeholder);
        d["named_in_rule"] = array_column<bool>(found, &veto_holding::named_in_rule);
        return d;
      },
      net_arg, "Every holder in every winning coalition of a decision, as columns.");
  m.def(
      "bloc_power",
      [](const Network& net, const index_array& blocs, const std::string& kind,
         const std::optional<std::string>& project) {
        const std::vector<std::size_t> bloc_of = positions(blocs, "blocs");
        const bloc_measure measure = bloc_option(kind);
        const std::string chosen = project.value_or("");
        return to_dict(held_network(net, [&](const Network& n) {
          return bloc_power(n, bloc_of, measure, chosen, python_signals);
        }));
      },
      net_arg, py::arg("blocs"), py::arg("kind"), py::arg("project"),
      "Stakeholders x decisions matrix of the Owen value (kind \"shapley_shubik\") or the "
      "normalised Banzhaf-Owen index (kind \"banzhaf\") of each decision's game, the holders "
      "grouped by blocs (one code per stakeholder, in vertex order); 0 for non-holders.");
  m.attr("max_swing_test_votes") = max_swing_test_votes;

  m.attr("max_enumeration_players") = max_enumeration_players;
  m.attr("max_coalition_players") = max_coalition_players;
  m.attr("default_max_listed_coalitions") = default_max_listed_coalitions;
  m.attr("default_max_visited_coalitions") = default_max_visited_coalitions;
  m.attr("max_exact_table_bytes") = max_exact_table_bytes;
  m.attr("max_exact_table_cells") = max_exact_table_cells;
}

}  // namespace coproduction::python
