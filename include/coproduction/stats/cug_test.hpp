#pragma once
/// \file
/// Conditional uniform graph (CUG) tests: is a layer's value of a measure unusual among
/// all graphs that share some of its plain features? The measure's observed value is set
/// against its values on graphs drawn uniformly from those with the same number of
/// stakeholders (`size`), the same number of ties (`edges`), the same dyad census
/// (`dyad_census`) or the same degrees (`degrees`). A partnership whose `informs` layer is
/// far more centralised than any graph with its numbers of ties has its information
/// flowing through a few hands by more than its size and density would say.
///
/// The first three nulls are R sna's `cug.test` (`cmode = "size"`, `"edges"`,
/// `"dyad.census"`, with `ignore.eval = TRUE`) and are drawn as sna draws them
/// (`uniform_graphs.hpp`); `degrees`, which sna does not have, rewires the layer keeping
/// every stakeholder's degrees (`rewiring.hpp`).
///
/// **What is compared.** The simple graph of the layer (`tie_list.hpp`): two stakeholders
/// are tied when some relation of the layer joins them, values and repeats ignored (sna's
/// `ignore.eval = TRUE`), read directed or undirected as the measure options say. The
/// observed value is the measure on that graph, so the observed and the drawn graphs are
/// read alike. The stakeholders are those of the layer (every stakeholder but objects,
/// unless `include_objects`), isolates included: n is the network's, not the ties'.
///
/// **The result.** The observed value, the K draws, `P(X >= obs)` and `P(X <= obs)` as sna
/// reports them: the share of the draws at or above (at or below) the observed value, the
/// observed value not counted among the draws (`null_distribution.hpp` for ties up to
/// rounding and for draws that are not a number).
///
/// **Refused nulls.** A null that holds the tested statistic fixed gives every draw the
/// observed value and both p-values 1: it cannot say anything. Density under `edges`,
/// `dyad_census` or `degrees`; reciprocity under `dyad_census`; degree centralization and
/// the inequality of degrees under `degrees`; reciprocity and hierarchy of an undirected
/// layer (a symmetric graph is fully reciprocal and has no hierarchy) are refused with an
/// `input_error` that names `given` (or `directed`) and says why.
///
/// Reference: Butts, C. T. (2008). Social network analysis with sna. Journal of Statistical
/// Software 24(6); sna's `cug.test`. Anderson, B. S., Butts, C. & Carley, K. (1999). The
/// interaction of size and density with graph-level indices. Social Networks 21, 239-267.

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "coproduction/detail/registry.hpp"
#include "coproduction/error.hpp"
#include "coproduction/metrics/reciprocity.hpp"
#include "coproduction/model/layer.hpp"
#include "coproduction/model/network.hpp"
#include "coproduction/stats/null_distribution.hpp"
#include "coproduction/stats/rewiring.hpp"
#include "coproduction/stats/tie_list.hpp"
#include "coproduction/stats/uniform_graphs.hpp"

namespace coproduction {

/// What a conditional uniform graph null holds fixed.
enum class cug_given {
  size,         ///< the number of stakeholders (sna "size": each tie with probability 1/2)
  edges,        ///< and the number of ties (sna "edges")
  dyad_census,  ///< and the numbers of mutual, asymmetric and null dyads (sna "dyad.census")
  degrees,      ///< and every stakeholder's degree, in and out when directed (rewiring)
};

/// The word for a `cug_given`: "size", "edges", "dyad_census", "degrees".
inline std::string_view cug_given_name(cug_given g) noexcept {
  switch (g) {
    case cug_given::size: return "size";
    case cug_given::edges: return "edges";
    case cug_given::dyad_census: return "dyad_census";
    default: return "degrees";
  }
}

/// The null of a CUG test and how it is drawn.
struct cug_options {
  cug_given given = cug_given::size;
  resampling_options run{};
  /// The chain of each draw under `degrees`; ignored otherwise.
  rewiring_options rewiring{};
};

/// A CUG test's outcome.
struct cug_result {
  /// The measure's observed value, its draws and the p-values.
  null_distribution null{};
  cug_given given = cug_given::size;
  bool directed = true;
  std::uint32_t vertices = 0;  ///< stakeholders of the layer: the graphs' order
  std::size_t ties = 0;        ///< ties of the observed simple graph
  dyad_census census{};        ///< of the observed graph (all ties mutual when undirected)
  /// Under `degrees`: what each draw's chain did, in draw order; empty otherwise.
  std::vector<rewiring_diagnostics> rewiring{};
};

namespace detail::null_models {

/// Throws `input_error` naming `given` (or `directed`) when the null `given` holds the
/// statistic `measure` fixed (see the file comment).
inline void check_not_fixed(std::string_view measure, cug_given given,
                            const measure_options& o) {
  const std::string g(cug_given_name(given));
  const auto refuse = [&](const std::string& why) {
    throw input_error("given", std::string(measure) + " is fixed by given=\"" + g + "\": " +
                                   why + "; every draw would equal the observed value");
  };
  if (!o.directed && (measure == "reciprocity" || measure == "hierarchy"))
    throw input_error("directed", std::string(measure) +
                                      " of an undirected layer is the same for every graph (a "
                                      "symmetric graph is fully reciprocal and has no "
                                      "hierarchy); test the layer as directed");
  if (measure == "density" && given != cug_given::size)
    refuse("every graph of this null has the observed number of ties, so the same density; "
           "test density under given=\"size\"");
  if (measure == "reciprocity" && given == cug_given::dyad_census)
    refuse("reciprocity is a function of the dyad census; test it under given=\"edges\"");
  if (given == cug_given::degrees) {
    if (measure == "degree_centralization")
      refuse("degree centralization is a function of the degrees; test it under "
             "given=\"edges\"");
    const registered_measure& m = registry::find(measure);
    if (m.reads.starts_with("quantity") && o.quantity == "degree")
      refuse("the inequality of degrees is a function of the degrees; test it under "
             "given=\"edges\"");
  }
}

/// Throws `input_error` ("measure") unless `measure` gives one value and reads the layer,
/// ("weighted") for weighted options.
inline const registered_measure& testable_measure(std::string_view measure,
                                                  const measure_options& o) {
  const registered_measure& m = registry::find(measure);
  if (m.kind != measure_kind::network)
    throw input_error("measure", std::string(measure) +
                                     " gives one value per stakeholder; a CUG test needs one "
                                     "value per graph (its centralization or inequality)");
  const registered_measure& read = m.reads.starts_with("quantity") ? registry::find(o.quantity) : m;
  if (read.reads.find("layer") == std::string_view::npos)
    throw input_error("measure", std::string(measure) +
                                     " does not read the layer's relations, so every graph of "
                                     "a null gives it the same value");
  if (o.weighted)
    throw input_error("weighted", "a CUG test draws graphs without values; the observed layer "
                                  "is read without its weights too, so weighted must be false");
  return m;
}

/// Draws one graph of the null `given` of `observed` into `out`.
template <class Rng>
void draw_graph(const tie_list& observed, const dyad_census& census, cug_given given,
                std::uint64_t steps, bool triangles, Rng& rng, tie_list& out,
                subset_sampler& sampler, rewiring_chain* chain, rewiring_diagnostics* d) {
  switch (given) {
    case cug_given::size:
      uniform_graph_of_size(observed.n, observed.directed, rng, out);
      return;
    case cug_given::dyad_census:
      if (observed.directed) {
        uniform_graph_with_census(observed.n, census, rng, out, sampler);
        return;
      }
      [[fallthrough]];  // undirected: the census is the number of ties
    case cug_given::edges:
      uniform_graph_with_ties(observed.n, observed.directed, observed.size(), rng, out, sampler);
      return;
    case cug_given::degrees:
      chain->run(steps, triangles, rng, out, *d);
      return;
  }
}

}  // namespace detail::null_models

/// Draw `draw` of the null `given` of the observed simple graph `observed`, for the run
/// seeded `seed`: the graph on which `cug_test` computes the measure of that draw.
/// `rewiring` sets the chain under `degrees`; its diagnostics go to `diagnostics`.
///
/// Complexity: that of the generator (`uniform_graphs.hpp`, `rewiring.hpp`).
/// Throws `input_error` ("swaps") for a bad chain length.
inline tie_list null_graph(const tie_list& observed, cug_given given, std::uint64_t seed,
                           std::uint64_t draw, const rewiring_options& rewiring = {},
                           rewiring_diagnostics* diagnostics = nullptr) {
  using namespace detail::null_models;
  const std::uint64_t steps = rewiring_steps(rewiring.swaps_per_tie, observed.size());
  std::optional<rewiring_chain> chain;
  if (given == cug_given::degrees) chain.emplace(observed);
  subset_sampler sampler;
  tie_list out;
  rewiring_diagnostics d;
  auto rng = generator_for(seed, draw);
  draw_graph(observed, census_of(observed), given, steps, rewiring.triangle_reversals, rng, out,
             sampler, chain ? &*chain : nullptr, &d);
  if (diagnostics) *diagnostics = d;
  return out;
}

/// The CUG test of the registered measure `measure` (`registered_measures()`) on the layer
/// `options.layer` of `net`, read directed or undirected by `options.directed`, against the
/// null `cug.given`: `cug.run.draws` graphs drawn with per-draw generators from
/// `cug.run.seed` on `cug.run.threads` threads (same draws for every thread count).
///
/// Definition: see the file comment; `P(X >= obs) = #{k : x_k >= obs} / K` and
/// `P(X <= obs) = #{k : x_k <= obs} / K` over the K draws whose value is a number.
/// Complexity: K times (the generator's cost + the measure's cost) over the threads;
/// O(threads * (n + m)) memory besides the measure's.
/// Throws `input_error`: ("measure") for a name not registered, a per-stakeholder measure or
/// one that does not read the layer; ("weighted") for weighted options; ("given") or
/// ("directed") for a null that fixes the statistic; ("n") for no draws; ("swaps") for a
/// bad chain length; ("layer") for a type that no relation has; whatever the measure throws
/// for its options; `interrupted` when `cug.run.stop_requested` said stop.
inline cug_result cug_test(const Network& net, std::string_view measure,
                           const measure_options& options, const cug_options& cug) {
  using namespace detail::null_models;
  const registered_measure& m = testable_measure(measure, options);
  check_not_fixed(measure, cug.given, options);
  check_draws(cug.run);

  const layer_edges layer = edges_of(net, options.layer, options.include_objects);
  const tie_list observed = ties_of(layer, options.directed);
  const std::span<const Network::vertex_type> vertices(layer.vertices);
  const std::uint64_t steps = rewiring_steps(cug.rewiring.swaps_per_tie, observed.size());

  cug_result result;
  result.given = cug.given;
  result.directed = options.directed;
  result.vertices = observed.n;
  result.ties = observed.size();
  result.census = census_of(observed);
  const double obs = m.compute(net, as_layer_edges(observed, vertices), options).value;

  const bool degrees = cug.given == cug_given::degrees;
  if (degrees) result.rewiring.resize(cug.run.draws);
  std::vector<double> draws(cug.run.draws);
  // A draw of a large graph polls the run's halt flag inside the measure, so a stop is
  // seen within one poll; a small one finishes faster than a poll would start.
  const double work = (static_cast<double>(observed.n) + static_cast<double>(observed.size())) *
                      static_cast<double>(observed.n);
  const bool poll_inside = work > 4e6;
  struct workspace {
    tie_list graph;
    subset_sampler sampler;
    std::optional<rewiring_chain> chain;
    measure_options options;
  };
  run_draws(
      cug.run,
      [&] {
        workspace w;
        if (degrees) w.chain.emplace(observed);
        w.options = options;
        w.options.threads = 1;  // the draws run in parallel; each measure on one thread
        w.options.stop_requested = {};
        return w;
      },
      [&](workspace& w, std::size_t k, const std::atomic<bool>& halt) {
        auto rng = generator_for(cug.run.seed, k);
        rewiring_diagnostics* d = degrees ? &result.rewiring[k] : nullptr;
        draw_graph(observed, result.census, cug.given, steps, cug.rewiring.triangle_reversals,
                   rng, w.graph, w.sampler, w.chain ? &*w.chain : nullptr, d);
        if (poll_inside)
          w.options.stop_requested = [&halt] { return halt.load(std::memory_order_relaxed); };
        draws[k] = m.compute(net, as_layer_edges(w.graph, vertices), w.options).value;
      });
  result.null = summarise(obs, std::move(draws));
  return result;
}

}  // namespace coproduction
