#pragma once
/// \file
/// A project: a set of decisions and the collaboration type the institution claims for it.

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "coproduction/model/vocabulary.hpp"

namespace coproduction {

/// A project of a partnership. `claimed` is what the institution calls it (the National Museums
/// Liverpool Co-production Framework's four types); the ladder computes what it is from its
/// decisions and learning relations.
struct Project {
  std::string id{};
  std::string label{};
  std::optional<CollaborationType> claimed{};
  nlohmann::json attributes{};  ///< null or an object

  bool operator==(const Project&) const = default;
};

}  // namespace coproduction
