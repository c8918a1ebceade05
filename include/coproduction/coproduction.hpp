#pragma once
/// \file
/// One include for the whole library.

#include "coproduction/version.hpp"
#include "coproduction/error.hpp"
#include "coproduction/model/vocabulary.hpp"
#include "coproduction/model/stakeholder.hpp"
#include "coproduction/model/relation.hpp"
#include "coproduction/model/project.hpp"
#include "coproduction/model/decision.hpp"
#include "coproduction/model/network.hpp"
#include "coproduction/io/json.hpp"
