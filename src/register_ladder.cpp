// Python bindings of the collaboration ladder (include/coproduction/ladder/classify.hpp,
// tokenism.hpp), into `_core.ladder`. Decision power in a network, which the ladder reads,
// is bound with the rest of power/ in register_power.cpp.
//
// Every function takes the `_core.Network` of a `coproduction.Network` and returns dicts of
// columns (numpy arrays and lists); pandas objects are made in python/coproduction/ladder.py.

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cmath>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "coproduction/error.hpp"
#include "coproduction/ladder/classify.hpp"
#include "coproduction/ladder/tokenism.hpp"
#include "coproduction/model/network.hpp"
#include "coproduction/power/decision_power.hpp"
#include "interrupt.hpp"
#include "register.hpp"

namespace py = pybind11;

namespace coproduction::python {

namespace {

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

ladder_config config_of(double regular_involvement, double two_way_learning,
                        double min_partner_power, bool delivery_guidance,
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
  c.weighting = weighted ? decision_weighting::by_weight : decision_weighting::equal;
  return c;
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

}  // namespace

void register_ladder(py::module_& m) {
  const auto net_arg = py::arg("net");

  // Each kernel reads the network where it is, held for reading (interrupt.hpp), and builds
  // only C++ values; the Python objects are made after the GIL is back.
  m.def(
      "classify",
      [](const Network& net, const std::string& project, double regular_involvement,
         double two_way_learning, double min_partner_power, bool delivery_guidance,
         double equal_power_ratio, bool convenors_may_carry_alone,
         const std::vector<std::string>& co_production_stages, bool weighted) {
        const ladder_config c = config_of(regular_involvement, two_way_learning,
                                          min_partner_power, delivery_guidance,
                                          equal_power_ratio, convenors_may_carry_alone,
                                          co_production_stages, weighted);
        return classification_dict(held_network(
            net, [&](const Network& n) { return classify(n, project, c, python_signals); }));
      },
      net_arg, py::arg("project"), py::kw_only(), py::arg("regular_involvement"),
      py::arg("two_way_learning"), py::arg("min_partner_power"), py::arg("delivery_guidance"),
      py::arg("equal_power_ratio"), py::arg("convenors_may_carry_alone"),
      py::arg("co_production_stages"), py::arg("weighted"),
      "Classifies a project on the ladder of the Co-production Framework; returns a dict of the "
      "type, the claim, and column dicts decisions, stages, criteria and evidence.");
  m.def(
      "classify_all",
      [](const Network& net, double regular_involvement, double two_way_learning,
         double min_partner_power, bool delivery_guidance, double equal_power_ratio,
         bool convenors_may_carry_alone, const std::vector<std::string>& co_production_stages,
         bool weighted) {
        const ladder_config c = config_of(regular_involvement, two_way_learning,
                                          min_partner_power, delivery_guidance,
                                          equal_power_ratio, convenors_may_carry_alone,
                                          co_production_stages, weighted);
        const std::vector<ladder_result> found = held_network(
            net, [&](const Network& n) { return classify_all(n, c, python_signals); });
        py::list project, type, claimed, matches;
        for (const ladder_result& r : found) {
          project.append(r.project);
          type.append(word(r.type));
          claimed.append(word(r.claimed));
          matches.append(r.matches_claim ? py::object(py::bool_(*r.matches_claim))
                                         : py::object(py::none()));
        }
        py::dict d;
        d["project"] = project;
        d["type"] = type;
        d["claimed"] = claimed;
        d["matches_claim"] = matches;
        return d;
      },
      net_arg, py::kw_only(), py::arg("regular_involvement"), py::arg("two_way_learning"),
      py::arg("min_partner_power"), py::arg("delivery_guidance"), py::arg("equal_power_ratio"),
      py::arg("convenors_may_carry_alone"), py::arg("co_production_stages"), py::arg("weighted"),
      "Classifies every project (insertion order); returns columns project, type (None below "
      "consultation), claimed and matches_claim (None where nothing is claimed).");
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
        c.weighting = weighted ? decision_weighting::by_weight : decision_weighting::equal;
        const std::vector<tokenism_finding> found = held_network(
            net, [&](const Network& n) { return tokenism(n, c, python_signals); });
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
}

}  // namespace coproduction::python
