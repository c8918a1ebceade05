#pragma once
/// \file
/// Forward declarations of the model types, for headers that only name them.

namespace coproduction {
struct Stakeholder;
struct Relation;
struct Provenance;
struct Project;
struct Decision;
struct DecisionRule;
class Network;
class error;
class model_error;
class format_error;
class input_error;
class io_error;
}  // namespace coproduction
