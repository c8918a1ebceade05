// Python bindings of decision power in a network (include/coproduction/power/decision_game.hpp,
// decision_power.hpp) and of the collaboration ladder (include/coproduction/ladder/), into
// `_core.ladder`.
//
// Every function takes the `_core.Network` of a `coproduction.Network` and returns numpy
// arrays, lists of ids and dicts of columns; pandas objects are made in
// python/coproduction/decision_power.py and ladder.py.

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "coproduction/error.hpp"
#include "coproduction/ladder/classify.hpp"
#include "coproduction/ladder/tokenism.hpp"
#include "coproduction/model/network.hpp"
#include "coproduction/power/decision_game.hpp"
#include "coproduction/power/decision_power.hpp"
#include "register.hpp"

namespace py = pybind11;

namespace coproduction::python {

namespace {

// Asks Python for pending signals (Ctrl-C in a notebook), taking the GIL just for that.
bool python_signals() {
  py::gil_scoped_acquire gil;
  return PyErr_CheckSignals() != 0;
}

// Copies the network while the GIL is held, then runs `kernel(copy)` with the GIL released.
// Safe: the kernel reads only its private copy and writes only its own result, so another
// Python thread that changes the network meanwhile cannot race with it, and no Python object
// is touched. An interruption re-raises the KeyboardInterrupt that PyErr_CheckSignals set.
template <class Kernel>
auto on_copy(const Network& net, Kernel kernel) {
  const Network copy = net;
  bool interrupted = false;
  decltype(kernel(copy)) result{};
  {
    py::gil_scoped_release release;
    try {
      result = kernel(copy);
    } catch (const power_interrupted&) {
      interrupted = true;
    }
  }
  if (interrupted) throw py::error_already_set();
  return result;
}

py::array_t<double> matrix(const std::vector<double>& values, std::size_t rows, std::size_t cols) {
  py::array_t<double> out({static_cast<py::ssize_t>(rows), static_cast<py::ssize_t>(cols)});
  auto o = out.mutable_unchecked<2>();
  for (std::size_t r = 0; r < rows; ++r)
    for (std::size_t c = 0; c < cols; ++c)
      o(static_cast<py::ssize_t>(r), static_cast<py::ssize_t>(c)) = values[r * cols + c];
  return out;
}

py::array_t<double> vector_of(const std::vector<double>& values) {
  py::array_t<double> out(static_cast<py::ssize_t>(values.size()));
  auto o = out.mutable_unchecked<1>();
  for (std::size_t i = 0; i < values.size(); ++i) o(static_cast<py::ssize_t>(i)) = values[i];
  return out;
}

py::array_t<bool> flags_of(const std::vector<bool>& values) {
  py::array_t<bool> out(static_cast<py::ssize_t>(values.size()));
  auto o = out.mutable_unchecked<1>();
  for (std::size_t i = 0; i < values.size(); ++i) o(static_cast<py::ssize_t>(i)) = values[i];
  return out;
}

py::dict table_dict(const power_table& t) {
  py::dict d;
  d["stakeholders"] = t.stakeholders;
  d["columns"] = t.columns;
  d["values"] = matrix(t.values, t.stakeholders.size(), t.columns.size());
  return d;
}

decision_weighting weighting_of(bool weighted) {
  return weighted ? decision_weighting::by_weight : decision_weighting::equal;
}

template <class E>
py::object word(const std::optional<E>& x) {
  return x ? py::object(py::str(std::string(to_string(*x)))) : py::object(py::none());
}

py::object number_or_none(double x) {
  return std::isnan(x) ? py::object(py::none()) : py::object(py::float_(x));
}

py::dict classification_dict(const ladder_result& r) {
  py::dict out;
  out["project"] = r.project;
  out["type"] = word(r.type);
  out["claimed"] = word(r.claimed);
  out["matches_claim"] = r.matches_claim ? py::object(py::bool_(*r.matches_claim)) : py::object(py::none());
  out["convenors"] = r.convenors;
  out["partners"] = r.partners;

  py::list decision, stage, type, partner_right;
  std::vector<double> weight, partner_power;
  std::vector<bool> swings, conv_swings, conv_carry, part_carry, joint, equal;
  py::list holders, partner_holders;
  for (const decision_reading& d : r.decisions) {
    decision.append(d.decision);
    stage.append(std::string(to_string(d.stage)));
    type.append(word(d.type));
    partner_right.append(std::string(to_string(d.partner_right)));
    weight.push_back(d.weight);
    holders.append(d.holders);
    partner_holders.append(d.partner_holders);
    partner_power.push_back(d.partner_power);
    swings.push_back(d.partner_swings);
    conv_swings.push_back(d.convenor_swings);
    conv_carry.push_back(d.convenors_carry);
    part_carry.push_back(d.partners_carry);
    joint.push_back(d.joint);
    equal.push_back(d.shared_equally);
  }
  py::dict decisions;
  decisions["decision"] = decision;
  decisions["stage"] = stage;
  decisions["weight"] = vector_of(weight);
  decisions["holders"] = holders;
  decisions["partner_holders"] = partner_holders;
  decisions["partner_right"] = partner_right;
  decisions["partner_power"] = vector_of(partner_power);
  decisions["partner_swings"] = flags_of(swings);
  decisions["convenor_swings"] = flags_of(conv_swings);
  decisions["convenors_carry"] = flags_of(conv_carry);
  decisions["partners_carry"] = flags_of(part_carry);
  decisions["joint"] = flags_of(joint);
  decisions["shared_equally"] = flags_of(equal);
  decisions["type"] = type;
  out["decisions"] = decisions;

  py::list s_stage, s_count, s_type, s_right, s_iap2, s_arnstein, s_rung, s_tlap, s_band;
  std::vector<double> s_power, s_carry;
  for (const stage_reading& s : r.stages) {
    s_stage.append(std::string(to_string(s.stage)));
    s_count.append(s.decisions);
    s_type.append(word(s.type));
    s_right.append(s.decisions ? py::object(py::str(std::string(to_string(s.partner_right))))
                               : py::object(py::none()));
    s_power.push_back(s.partner_power);
    s_carry.push_back(s.convenors_carry);
    s_iap2.append(s.iap2 ? py::object(py::str(std::string(iap2_name(*s.iap2)))) : py::object(py::none()));
    s_arnstein.append(s.arnstein ? py::object(py::str(std::string(arnstein_name(*s.arnstein))))
                                 : py::object(py::none()));
    s_rung.append(s.arnstein ? py::object(py::int_(static_cast<int>(*s.arnstein))) : py::object(py::none()));
    s_tlap.append(s.tlap ? py::object(py::str(std::string(tlap_name(*s.tlap)))) : py::object(py::none()));
    s_band.append(s.tlap ? py::object(py::str(std::string(tlap_band_name(band_of(*s.tlap)))))
                         : py::object(py::none()));
  }
  py::dict stages;
  stages["stage"] = s_stage;
  stages["decisions"] = s_count;
  stages["type"] = s_type;
  stages["partner_right"] = s_right;
  stages["partner_power"] = vector_of(s_power);
  stages["convenors_carry"] = vector_of(s_carry);
  stages["iap2"] = s_iap2;
  stages["arnstein"] = s_arnstein;
  stages["arnstein_rung"] = s_rung;
  stages["tlap"] = s_tlap;
  stages["tlap_band"] = s_band;
  out["stages"] = stages;

  py::list c_name, c_rung, c_value, c_threshold, c_detail;
  std::vector<bool> c_met;
  for (const ladder_criterion& c : r.criteria) {
    c_name.append(c.name);
    c_rung.append(std::string(to_string(c.rung)));
    c_met.push_back(c.met);
    c_value.append(number_or_none(c.value));
    c_threshold.append(number_or_none(c.threshold));
    c_detail.append(c.detail);
  }
  py::dict criteria;
  criteria["criterion"] = c_name;
  criteria["rung"] = c_rung;
  criteria["met"] = flags_of(c_met);
  criteria["value"] = c_value;
  criteria["threshold"] = c_threshold;
  criteria["detail"] = c_detail;
  out["criteria"] = criteria;

  py::list e_criterion, e_rung, e_stage, e_decision, e_stakeholder, e_side, e_right, e_effective,
      e_relation, e_note;
  std::vector<double> e_power;
  std::vector<bool> e_met;
  auto text_or_none = [](const std::string& s) {
    return s.empty() ? py::object(py::none()) : py::object(py::str(s));
  };
  for (const ladder_evidence& e : r.evidence) {
    e_criterion.append(e.criterion);
    e_rung.append(std::string(to_string(e.rung)));
    e_stage.append(word(e.stage));
    e_decision.append(text_or_none(e.decision));
    e_stakeholder.append(text_or_none(e.stakeholder));
    e_side.append(text_or_none(e.side));
    e_right.append(word(e.right));
    e_effective.append(word(e.effective_right));
    e_power.push_back(e.power);
    e_relation.append(text_or_none(e.relation));
    e_met.push_back(e.met);
    e_note.append(e.note);
  }
  py::dict evidence;
  evidence["rung"] = e_rung;
  evidence["criterion"] = e_criterion;
  evidence["met"] = flags_of(e_met);
  evidence["stage"] = e_stage;
  evidence["decision"] = e_decision;
  evidence["stakeholder"] = e_stakeholder;
  evidence["side"] = e_side;
  evidence["right"] = e_right;
  evidence["effective_right"] = e_effective;
  evidence["power"] = vector_of(e_power);
  evidence["relation"] = e_relation;
  evidence["note"] = e_note;
  out["evidence"] = evidence;
  return out;
}

std::vector<Stage> stages_of(const std::vector<std::string>& names) {
  std::vector<Stage> out;
  for (const std::string& s : names) {
    auto stage = parse<Stage>(s);
    if (!stage)
      throw input_error("co_production_stages",
                        "\"" + s + "\" is not one of " + spellings<Stage>());
    out.push_back(*stage);
  }
  return out;
}

}  // namespace

void register_ladder(py::module_& m) {
  m.doc() = "Decision power in a network and the collaboration ladder; see coproduction.power "
            "and coproduction.ladder.";
  const auto net_arg = py::arg("net");

  m.def(
      "decision_power",
      [](const Network& net, const std::string& index, std::uint64_t max_coalitions) {
        const power_measure measure = parse_power_measure(index);
        return table_dict(on_copy(net, [&](const Network& n) {
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
        if (by != "stage" && by != "project" && by != "all")
          throw input_error("by", "must be \"stage\", \"project\" or \"all\", got \"" + by + "\"");
        if (by == "project" && project)
          throw input_error("project", "a project cannot be chosen when aggregating by project");
        const std::string chosen = project.value_or("");
        return table_dict(on_copy(net, [&](const Network& n) {
          const power_table table = decision_power(n, measure, python_signals, max_coalitions);
          const decision_weighting w = weighting_of(weighted);
          if (by == "stage") return power_by_stage(n, table, w, chosen);
          if (by == "project") return power_by_project(n, table, w);
          return power_table{table.stakeholders, {"all"}, overall_power(n, table, w, chosen)};
        }));
      },
      net_arg, py::arg("index"), py::arg("by"), py::arg("weighted"), py::arg("project"),
      py::arg("max_coalitions") = default_max_visited_coalitions,
      "Weighted mean of decision power over the decisions of each stage, each project, or all "
      "(`by` = \"stage\", \"project\", \"all\"); optionally only one project's decisions.");
  m.def(
      "power_shares",
      [](const py::array_t<double, py::array::c_style | py::array::forcecast>& power,
         const py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>& groups,
         std::size_t count) {
        if (power.ndim() != 1 || groups.ndim() != 1)
          throw input_error("power", "power and groups must be one-dimensional");
        std::vector<double> p(power.data(), power.data() + power.shape(0));
        std::vector<std::size_t> g;
        for (py::ssize_t i = 0; i < groups.shape(0); ++i) {
          if (groups.data()[i] < 0) throw input_error("group_of", "group codes are >= 0");
          g.push_back(static_cast<std::size_t>(groups.data()[i]));
        }
        return vector_of(power_shares(p, g, count));
      },
      py::arg("power"), py::arg("groups"), py::arg("count"),
      "Each group's share of the total: groups are codes 0..count-1, one per value.");
  m.def(
      "convenor_carried",
      [](const Network& net) {
        return flags_of(on_copy(net, [](const Network& n) { return convenor_carried(n); }));
      },
      net_arg, "Per decision (insertion order): whether the convenor holders carry it alone.");
  m.def(
      "can_swing",
      [](const Network& net) {
        const auto [rows, cols, values] = on_copy(net, [](const Network& n) {
          const std::size_t s = n.num_stakeholders(), k = n.num_decisions();
          std::vector<double> v(s * k, 0.0);
          for (std::size_t c = 0; c < k; ++c) {
            const decision_game g(n.decisions()[c]);
            const std::vector<bool> swings = g.can_swing(python_signals);
            for (std::size_t i = 0; i < g.size(); ++i)
              v[n.vertex(g.holders()[i]) * k + c] = swings[i] ? 1.0 : 0.0;
          }
          return std::tuple<std::size_t, std::size_t, std::vector<double>>{s, k, std::move(v)};
        });
        py::array_t<bool> out({static_cast<py::ssize_t>(rows), static_cast<py::ssize_t>(cols)});
        auto o = out.mutable_unchecked<2>();
        for (std::size_t r = 0; r < rows; ++r)
          for (std::size_t c = 0; c < cols; ++c)
            o(static_cast<py::ssize_t>(r), static_cast<py::ssize_t>(c)) = values[r * cols + c] != 0;
        return out;
      },
      net_arg,
      "Stakeholders x decisions booleans: the holder's Banzhaf swing count is positive (exact).");
  m.def(
      "veto_players",
      [](const Network& net) {
        const std::vector<veto_holding> found =
            on_copy(net, [](const Network& n) { return veto_players(n); });
        py::list decision, stakeholder;
        std::vector<bool> named;
        for (const veto_holding& v : found) {
          decision.append(v.decision);
          stakeholder.append(v.stakeholder);
          named.push_back(v.named_in_rule);
        }
        py::dict d;
        d["decision"] = decision;
        d["stakeholder"] = stakeholder;
        d["named_in_rule"] = flags_of(named);
        return d;
      },
      net_arg, "Every holder in every winning coalition of a decision, as columns.");
  m.def(
      "classify",
      [](const Network& net, const std::string& project, double regular_involvement,
         double two_way_learning, double min_partner_power, bool delivery_guidance,
         double equal_power_ratio, bool convenors_may_carry_alone,
         const std::vector<std::string>& co_production_stages, bool weighted) {
        ladder_config c;
        c.regular_involvement = regular_involvement;
        c.two_way_learning = two_way_learning;
        c.min_partner_power = min_partner_power;
        c.delivery_guidance = delivery_guidance;
        c.equal_power_ratio = equal_power_ratio;
        c.convenors_may_carry_alone = convenors_may_carry_alone;
        c.co_production_stages = stages_of(co_production_stages);
        c.weighting = weighting_of(weighted);
        return classification_dict(
            on_copy(net, [&](const Network& n) { return classify(n, project, c); }));
      },
      net_arg, py::arg("project"), py::kw_only(), py::arg("regular_involvement"),
      py::arg("two_way_learning"), py::arg("min_partner_power"), py::arg("delivery_guidance"),
      py::arg("equal_power_ratio"), py::arg("convenors_may_carry_alone"),
      py::arg("co_production_stages"), py::arg("weighted"),
      "Classifies a project on seed 002's ladder; returns a dict of the type, the claim, and "
      "column dicts decisions, stages, criteria and evidence.");
  m.def(
      "tokenism",
      [](const Network& net, const std::string& comparison, double rank_threshold,
         double share_threshold, bool include_convenors, bool weighted) {
        tokenism_config c;
        if (comparison == "rank") c.comparison = influence_comparison::rank;
        else if (comparison == "share") c.comparison = influence_comparison::share;
        else throw input_error("influence", "must be \"rank\" or \"share\", got \"" + comparison + "\"");
        c.rank_threshold = rank_threshold;
        c.share_threshold = share_threshold;
        c.include_convenors = include_convenors;
        c.weighting = weighting_of(weighted);
        const std::vector<tokenism_finding> found =
            on_copy(net, [&](const Network& n) { return tokenism(n, c); });
        py::list stakeholder, kind, project, decision, evidence;
        std::vector<double> value;
        for (const tokenism_finding& f : found) {
          stakeholder.append(f.stakeholder);
          kind.append(std::string(tokenism_name(f.kind)));
          project.append(f.project.empty() ? py::object(py::none()) : py::object(py::str(f.project)));
          decision.append(f.decision.empty() ? py::object(py::none()) : py::object(py::str(f.decision)));
          value.push_back(f.value);
          evidence.append(f.evidence);
        }
        py::dict d;
        d["stakeholder"] = stakeholder;
        d["kind"] = kind;
        d["project"] = project;
        d["decision"] = decision;
        d["value"] = vector_of(value);
        d["evidence"] = evidence;
        return d;
      },
      net_arg, py::kw_only(), py::arg("comparison"), py::arg("rank_threshold"),
      py::arg("share_threshold"), py::arg("include_convenors"), py::arg("weighted"),
      "Tokenism findings as columns: stakeholder, kind, project, decision, value, evidence.");
  m.attr("max_swing_test_votes") = max_swing_test_votes;
}

}  // namespace coproduction::python
