// Python bindings of the collaboration ladder (include/coproduction/ladder/classify.hpp,
// tokenism.hpp), into `_core.ladder`. Decision power in a network, which the ladder reads,
// is bound with the rest of power/ in register_power.cpp.
//
// Every function takes the `_core.Network` of a `coproduction.Network` and returns dicts of
// columns (numpy arrays and lists); pandas objects are made in python/coproduction/ladder.py.

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <string>
#include <vector>

#include "columns.hpp"
#include "coproduction/ladder/classify.hpp"
#include "coproduction/ladder/tokenism.hpp"
#include "coproduction/model/network.hpp"
#include "interrupt.hpp"
#include "options.hpp"
#include "register.hpp"

namespace py = pybind11;

namespace coproduction::python {

namespace {

ladder_config config_of(double regular_involvement, double two_way_learning,
                        double min_partner_power, bool delivery_guidance,
                        double equal_power_ratio, bool convenors_may_carry_alone,
                        const std::vector<std::string>& co_production_stages, bool weighted) {
  return {.regular_involvement = regular_involvement,
          .two_way_learning = two_way_learning,
          .min_partner_power = min_partner_power,
          .delivery_guidance = delivery_guidance,
          .equal_power_ratio = equal_power_ratio,
          .convenors_may_carry_alone = convenors_may_carry_alone,
          .co_production_stages =
              vocabulary_words<Stage>(co_production_stages, "co_production_stages"),
          .weighting = weighting_of(weighted)};
}

py::dict decision_columns(const std::vector<decision_reading>& rows) {
  using row = decision_reading;
  py::dict out;
  out["decision"] = list_column(rows, &row::decision);
  out["stage"] = word_column(rows, &row::stage);
  out["weight"] = array_column<double>(rows, &row::weight);
  out["holders"] = list_column(rows, &row::holders);
  out["partner_holders"] = list_column(rows, &row::partner_holders);
  out["partner_right"] = word_column(rows, &row::partner_right);
  out["partner_power"] = array_column<double>(rows, &row::partner_power);
  out["partner_swings"] = array_column<bool>(rows, &row::partner_swings);
  out["convenor_swings"] = array_column<bool>(rows, &row::convenor_swings);
  out["convenors_carry"] = array_column<bool>(rows, &row::convenors_carry);
  out["partners_carry"] = array_column<bool>(rows, &row::partners_carry);
  out["joint"] = array_column<bool>(rows, &row::joint);
  out["shared_equally"] = array_column<bool>(rows, &row::shared_equally);
  out["type"] = word_column(rows, &row::type);
  return out;
}

py::dict stage_columns(const std::vector<stage_reading>& rows) {
  using row = stage_reading;
  py::dict out;
  out["stage"] = word_column(rows, &row::stage);
  out["decisions"] = list_column(rows, &row::decisions);
  out["type"] = word_column(rows, &row::type);
  // A stage without decisions has no partner right to speak of.
  out["partner_right"] = list_column(rows, [](const row& s) {
    return s.decisions ? py::object(word(s.partner_right)) : py::object(py::none());
  });
  out["partner_power"] = array_column<double>(rows, &row::partner_power);
  out["convenors_carry"] = array_column<double>(rows, &row::convenors_carry);
  out["iap2"] = list_column(rows, [](const row& s) { return named(s.iap2, iap2_name); });
  out["arnstein"] =
      list_column(rows, [](const row& s) { return named(s.arnstein, arnstein_name); });
  out["arnstein_rung"] = list_column(rows, [](const row& s) {
    return s.arnstein ? py::object(py::int_(static_cast<int>(*s.arnstein)))
                      : py::object(py::none());
  });
  out["tlap"] = list_column(rows, [](const row& s) { return named(s.tlap, tlap_name); });
  out["tlap_band"] = list_column(rows, [](const row& s) {
    return named(s.tlap, [](tlap_step t) { return tlap_band_name(band_of(t)); });
  });
  return out;
}

py::dict criterion_columns(const std::vector<ladder_criterion>& rows) {
  using row = ladder_criterion;
  py::dict out;
  out["criterion"] = list_column(rows, &row::name);
  out["rung"] = word_column(rows, &row::rung);
  out["met"] = array_column<bool>(rows, &row::met);
  out["value"] = list_column(rows, [](const row& c) { return number_or_none(c.value); });
  out["threshold"] = list_column(rows, [](const row& c) { return number_or_none(c.threshold); });
  out["detail"] = list_column(rows, &row::detail);
  return out;
}

py::dict evidence_columns(const std::vector<ladder_evidence>& rows) {
  using row = ladder_evidence;
  py::dict out;
  out["rung"] = word_column(rows, &row::rung);
  out["criterion"] = list_column(rows, &row::criterion);
  out["met"] = array_column<bool>(rows, &row::met);
  out["stage"] = word_column(rows, &row::stage);
  out["decision"] = list_column(rows, text_field(&row::decision));
  out["stakeholder"] = list_column(rows, text_field(&row::stakeholder));
  out["side"] = list_column(rows, text_field(&row::side));
  out["right"] = word_column(rows, &row::right);
  out["effective_right"] = word_column(rows, &row::effective_right);
  out["power"] = array_column<double>(rows, &row::power);
  out["relation"] = list_column(rows, text_field(&row::relation));
  out["note"] = list_column(rows, &row::note);
  return out;
}

py::dict classification_dict(const ladder_result& r) {
  py::dict out;
  out["project"] = r.project;
  out["type"] = word(r.type);
  out["claimed"] = word(r.claimed);
  out["matches_claim"] = r.matches_claim;
  out["convenors"] = r.convenors;
  out["partners"] = r.partners;
  out["decisions"] = decision_columns(r.decisions);
  out["stages"] = stage_columns(r.stages);
  out["criteria"] = criterion_columns(r.criteria);
  out["evidence"] = evidence_columns(r.evidence);
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
        py::dict d;
        d["project"] = list_column(found, &ladder_result::project);
        d["type"] = word_column(found, &ladder_result::type);
        d["claimed"] = word_column(found, &ladder_result::claimed);
        d["matches_claim"] = list_column(found, &ladder_result::matches_claim);
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
        const tokenism_config c{.comparison = influence_option(comparison),
                                .rank_threshold = rank_threshold,
                                .share_threshold = share_threshold,
                                .include_convenors = include_convenors,
                                .weighting = weighting_of(weighted)};
        const std::vector<tokenism_finding> found = held_network(
            net, [&](const Network& n) { return tokenism(n, c, python_signals); });
        using row = tokenism_finding;
        py::dict d;
        d["stakeholder"] = list_column(found, &row::stakeholder);
        d["kind"] = list_column(found, [](const row& f) { return spelt(tokenism_name(f.kind)); });
        d["project"] = list_column(found, text_field(&row::project));
        d["decision"] = list_column(found, text_field(&row::decision));
        d["value"] = array_column<double>(found, &row::value);
        d["evidence"] = list_column(found, &row::evidence);
        return d;
      },
      net_arg, py::kw_only(), py::arg("comparison"), py::arg("rank_threshold"),
      py::arg("share_threshold"), py::arg("include_convenors"), py::arg("weighted"),
      "Tokenism findings as columns: stakeholder, kind, project, decision, value, evidence.");
}

}  // namespace coproduction::python
