#pragma once
// The options the `_core` functions take as words (mode="in", measure="dyadic", kind="banzhaf")
// or flags (weighted=True), and the library's enums they stand for, read here once for every
// binding. A word that is not an option's raises `coproduction.InputError` naming the argument
// and listing the words it takes: `mode: must be "in", "out" or "total", got "both"`.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "coproduction/error.hpp"
#include "coproduction/ladder/tokenism.hpp"
#include "coproduction/metrics/centrality.hpp"
#include "coproduction/metrics/centralization.hpp"
#include "coproduction/metrics/edge_reading.hpp"
#include "coproduction/metrics/ei_index.hpp"
#include "coproduction/metrics/reciprocity.hpp"
#include "coproduction/model/vocabulary.hpp"
#include "coproduction/power/banzhaf.hpp"
#include "coproduction/power/bloc_power.hpp"
#include "coproduction/power/decision_power.hpp"

namespace coproduction::python {

// A word an option takes and the value it stands for.
template <class E>
struct option_word {
  std::string_view word;
  E value;
};

// The value `word` stands for among `words`, or nothing.
template <class E, std::size_t N>
std::optional<E> find_option(std::string_view word, const option_word<E> (&words)[N]) {
  for (const option_word<E>& w : words)
    if (w.word == word) return w.value;
  return std::nullopt;
}

// The words of an option, each between `quote`s, joined by ", " and before the last by
// `last_separator`.
template <class E, std::size_t N>
std::string option_list(const option_word<E> (&words)[N], std::string_view quote,
                        std::string_view last_separator) {
  std::string out;
  for (std::size_t i = 0; i < N; ++i) {
    if (i > 0) out += i + 1 == N ? last_separator : std::string_view(", ");
    out.append(quote).append(words[i].word).append(quote);
  }
  return out;
}

// The value `word` stands for; any other word throws `input_error` naming `argument`. Two or
// three words are listed quoted (`must be "in" or "out", got "x"`), more as a plain list
// (`must be one of edgewise, dyadic, dyadic_nonnull, edgewise_lrr; got "x"`).
template <class E, std::size_t N>
E one_of(std::string_view word, const char* argument, const option_word<E> (&words)[N]) {
  if (auto value = find_option(word, words)) return *value;
  const std::string given = "\"" + std::string(word) + "\"";
  if constexpr (N <= 3)
    throw input_error(argument, "must be " + option_list(words, "\"", " or ") + ", got " + given);
  else
    throw input_error(argument, "must be one of " + option_list(words, "", ", ") + "; got " + given);
}

// ---- every area ---------------------------------------------------------------------------

// weighted=True: a decision counts by its weight; False: every decision counts once.
inline decision_weighting weighting_of(bool weighted) {
  return weighted ? decision_weighting::by_weight : decision_weighting::equal;
}

// Words of a vocabulary of the model (stages, rights, ...), one by one; throws `input_error`
// naming `argument`: `"x" is not one of conception, design, delivery, evaluation, governance`.
template <class E>
std::vector<E> vocabulary_words(const std::vector<std::string>& words, const char* argument) {
  std::vector<E> out;
  for (const std::string& w : words) {
    auto value = parse<E>(w);
    if (!value) throw input_error(argument, "\"" + w + "\" is not one of " + spellings<E>());
    out.push_back(*value);
  }
  return out;
}

// ---- metrics/ -----------------------------------------------------------------------------

inline weight_meaning weight_meaning_option(std::string_view word) {
  return one_of<weight_meaning>(word, "weights_are", {{"strength", weight_meaning::strength},
                                                      {"distance", weight_meaning::distance}});
}

inline parallel_edges parallel_option(std::string_view word) {
  return one_of<parallel_edges>(word, "parallel",
                                {{"merge", parallel_edges::merge}, {"keep", parallel_edges::keep}});
}

inline degree_mode degree_mode_option(std::string_view word) {
  return one_of<degree_mode>(
      word, "mode",
      {{"in", degree_mode::in}, {"out", degree_mode::out}, {"total", degree_mode::total}});
}

inline path_mode path_mode_option(std::string_view word) {
  return one_of<path_mode>(word, "mode", {{"in", path_mode::in}, {"out", path_mode::out}});
}

inline centralization_measure centralization_option(std::string_view word) {
  return one_of<centralization_measure>(word, "measure",
                                        {{"degree", centralization_measure::degree},
                                         {"closeness", centralization_measure::closeness},
                                         {"harmonic", centralization_measure::harmonic},
                                         {"betweenness", centralization_measure::betweenness},
                                         {"eigenvector", centralization_measure::eigenvector}});
}

inline reciprocity_measure reciprocity_option(std::string_view word) {
  return one_of<reciprocity_measure>(word, "measure",
                                     {{"edgewise", reciprocity_measure::edgewise},
                                      {"dyadic", reciprocity_measure::dyadic},
                                      {"dyadic_nonnull", reciprocity_measure::dyadic_nonnull},
                                      {"edgewise_lrr", reciprocity_measure::edgewise_lrr}});
}

inline tie_direction ties_option(std::string_view word) {
  return one_of<tie_direction>(
      word, "ties",
      {{"all", tie_direction::all}, {"out", tie_direction::out}, {"in", tie_direction::in}});
}

// ---- power/ -------------------------------------------------------------------------------

// normalized=True: Banzhaf shares of all swings; False: the absolute (Penrose) measure.
inline banzhaf_scale scale_of(bool normalized) {
  return normalized ? banzhaf_scale::normalized : banzhaf_scale::absolute;
}

inline bloc_measure bloc_option(std::string_view word) {
  return one_of<bloc_measure>(word, "kind", {{"shapley_shubik", bloc_measure::owen},
                                             {"banzhaf", bloc_measure::banzhaf_owen}});
}

// How `power_by` groups the decisions it averages over.
enum class power_grouping { stage, project, all };

inline power_grouping grouping_option(std::string_view word) {
  return one_of<power_grouping>(word, "by", {{"stage", power_grouping::stage},
                                             {"project", power_grouping::project},
                                             {"all", power_grouping::all}});
}

// The indices `monte_carlo` estimates by sampling.
enum class sampled_index { banzhaf, shapley_shubik, deegan_packel, holler, johnston };

// The index spelt `word`; any other word throws `input_error` ("index"), in the words the
// estimator has always used: `unknown index 'x' (banzhaf, shapley_shubik, ...)`.
inline sampled_index sampled_index_option(std::string_view word) {
  static constexpr option_word<sampled_index> words[] = {
      {"banzhaf", sampled_index::banzhaf},
      {"shapley_shubik", sampled_index::shapley_shubik},
      {"deegan_packel", sampled_index::deegan_packel},
      {"holler", sampled_index::holler},
      {"johnston", sampled_index::johnston}};
  if (auto value = find_option(word, words)) return *value;
  throw input_error("index", "unknown index '" + std::string(word) + "' (" +
                                 option_list(words, "", ", ") + ")");
}

// ---- ladder/ ------------------------------------------------------------------------------

// How `tokenism` compares influence with power; the Python argument is `influence`.
inline influence_comparison influence_option(std::string_view word) {
  return one_of<influence_comparison>(
      word, "influence",
      {{"rank", influence_comparison::rank}, {"share", influence_comparison::share}});
}

}  // namespace coproduction::python
