#pragma once
/// \file
/// The library version (semantic versioning).

#define COPRODUCTION_VERSION_MAJOR 0
#define COPRODUCTION_VERSION_MINOR 1
#define COPRODUCTION_VERSION_PATCH 0

namespace coproduction {
/// "major.minor.patch"
inline constexpr const char* version = "0.1.0";
}  // namespace coproduction
