#pragma once
/// \file
/// The results of splitting an inequality index by group: a Theil or mean-log-deviation
/// decomposition into between and within parts, and each group's parity of representation.
/// Returned by `theil_decomposition`, `mld_decomposition` and `parity_ratio` in
/// `metrics/inequality.hpp`.

#include <cstddef>
#include <vector>

namespace coproduction {

/// One group's part in a Theil or mean-log-deviation decomposition.
struct group_inequality {
  std::size_t group = 0;          ///< the group code as given in `groups`
  double population_share = 0;    ///< p_g: the group's share of the (weighted) people
  double quantity_share = 0;      ///< s_g: the group's share of the quantity
  double mean = 0;                ///< mu_g: the group's weighted mean, in the input's units
  double index = 0;               ///< the index computed within the group alone (T_g or L_g)
  double within_contribution = 0; ///< s_g T_g (Theil) or p_g L_g (MLD); these add up to `within`
  /// The group's non-negative part of `between`: p_g (rho ln rho - rho + 1) for Theil and
  /// p_g (rho - 1 - ln rho) for MLD, rho = mu_g / mu. It is 0 when the group's mean equals the
  /// overall mean and grows as the group moves away from it, in either direction.
  double between_contribution = 0;
  bool operator==(const group_inequality&) const = default;
};

/// An exact between/within decomposition: `between + within == total` up to rounding.
struct inequality_decomposition {
  double total = 0;    ///< the index of the whole distribution
  double between = 0;  ///< the index when everybody holds their group's mean
  double within = 0;   ///< the weighted sum of the groups' own indices
  std::vector<group_inequality> groups;  ///< one entry per group code, ascending by code
  bool operator==(const inequality_decomposition&) const = default;
};

/// One group's representation in a quantity: see `parity_ratio`.
struct group_parity {
  std::size_t group = 0;        ///< the group code as given in `groups`
  double population_share = 0;  ///< the group's share of the (weighted) people
  double quantity_share = 0;    ///< the group's share of the quantity
  double ratio = 0;             ///< quantity_share / population_share = mu_g / mu
  bool operator==(const group_parity&) const = default;
};

}  // namespace coproduction
