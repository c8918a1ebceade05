#pragma once
/// \file
/// One include for the whole library: every public header, area by area. The internals
/// under `detail/` come with the headers that use them; the registry of measures by name
/// (`detail/registry.hpp`), which nothing public uses, is left out.

#include "coproduction/version.hpp"
#include "coproduction/fwd.hpp"
#include "coproduction/error.hpp"

#include "coproduction/model/vocabulary.hpp"
#include "coproduction/model/nesting.hpp"
#include "coproduction/model/stakeholder.hpp"
#include "coproduction/model/relation.hpp"
#include "coproduction/model/project.hpp"
#include "coproduction/model/decision.hpp"
#include "coproduction/model/network.hpp"
#include "coproduction/model/layer.hpp"

#include "coproduction/io/file.hpp"
#include "coproduction/io/json.hpp"
#include "coproduction/io/frame.hpp"
#include "coproduction/io/frames.hpp"

#include "coproduction/metrics/edge_reading.hpp"
#include "coproduction/metrics/inequality.hpp"
#include "coproduction/metrics/decomposition.hpp"
#include "coproduction/metrics/centrality.hpp"
#include "coproduction/metrics/centralization.hpp"
#include "coproduction/metrics/reciprocity.hpp"
#include "coproduction/metrics/density.hpp"
#include "coproduction/metrics/hierarchy.hpp"
#include "coproduction/metrics/ei_index.hpp"
#include "coproduction/metrics/brokerage.hpp"

#include "coproduction/power/limits.hpp"
#include "coproduction/power/simple_game.hpp"
#include "coproduction/power/banzhaf.hpp"
#include "coproduction/power/shapley_shubik.hpp"
#include "coproduction/power/minimal_winning.hpp"
#include "coproduction/power/deegan_packel.hpp"
#include "coproduction/power/holler.hpp"
#include "coproduction/power/johnston.hpp"
#include "coproduction/power/owen.hpp"
#include "coproduction/power/monte_carlo.hpp"
#include "coproduction/power/decision_game.hpp"
#include "coproduction/power/decision_power.hpp"
#include "coproduction/power/bloc_power.hpp"

#include "coproduction/ladder/scales.hpp"
#include "coproduction/ladder/ladder_config.hpp"
#include "coproduction/ladder/ladder_result.hpp"
#include "coproduction/ladder/classify.hpp"
#include "coproduction/ladder/tokenism.hpp"
#include "coproduction/ladder/principles_config.hpp"
#include "coproduction/ladder/principles.hpp"
#include "coproduction/layout/fruchterman_reingold.hpp"
#include "coproduction/layout/kamada_kawai.hpp"
