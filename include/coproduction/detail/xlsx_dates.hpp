#pragma once
/// \file
/// A workbook's dates as openpyxl reads them, so that a date cell's text is the one the
/// Python package reports: a serial day number under a date format (openpyxl's
/// `from_excel`, with Excel's 1900 leap-year bug), an elapsed time under a `[h]:mm:ss` format
/// (Python's `str` of a `timedelta`), and an ISO 8601 `t="d"` cell (openpyxl's
/// `from_ISO8601`). Users include `io/xlsx.hpp`.

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

namespace coproduction::detail::xlsx {

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant, *chrono-Compatible
/// Low-Level Date Algorithms*, `days_from_civil`).
inline std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

/// The date of a day count since 1970-01-01 (Hinnant's `civil_from_days`).
inline void civil_from_days(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
}

/// Python's `round` of a double to an integer: half to even.
inline double round_half_even(double x) { return x - std::remainder(x, 1.0); }

inline std::string two(unsigned v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02u", v % 100);
  return buf;
}

/// `.ffffff` after a time when there are microseconds, as Python writes times.
inline void append_microseconds(std::string& out, std::int64_t microseconds) {
  if (microseconds == 0) return;
  char buf[16];
  std::snprintf(buf, sizeof buf, ".%06lld", static_cast<long long>(microseconds));
  out += buf;
}

/// `HH:MM:SS` with `.ffffff` when there are microseconds (Python's `time.isoformat`).
inline std::string clock_text(std::int64_t seconds_of_day, std::int64_t microseconds) {
  std::string out = two(static_cast<unsigned>(seconds_of_day / 3600)) + ":" +
                    two(static_cast<unsigned>(seconds_of_day / 60 % 60)) + ":" +
                    two(static_cast<unsigned>(seconds_of_day % 60));
  append_microseconds(out, microseconds);
  return out;
}

inline std::string date_text(std::int64_t y, unsigned m, unsigned d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(y), m, d);
  return buf;
}

/// The text of a serial day number read under a date format, as the Python package gives
/// it: `2013-02-14` (a date without a time), `2013-02-14T10:30:00`, `10:30:00` (a time: a
/// value in [0, 1)). Nothing when openpyxl would find the value outside the dates Python
/// holds (years 1 to 9999), a NaN or an infinity: the cell is then an error cell `#VALUE!`.
/// `mac_epoch`: the workbook counts from 1904-01-01 (`date1904`), else from 1899-12-30 with
/// the serials below 60 shifted by a day (Excel's phantom 1900-02-29).
inline std::optional<std::string> serial_date(double value, bool mac_epoch) {
  if (!std::isfinite(value) || std::fabs(value) > 1e12) return std::nullopt;
  const double day = std::floor(value);
  const double fraction = value - day;
  const double ms_double = round_half_even(fraction * 86400 * 1000);
  auto ms = static_cast<std::int64_t>(ms_double);
  if (0 <= value && value < 1 && ms < 86400000) {
    return clock_text(ms / 1000, (ms % 1000) * 1000);
  }
  auto days = static_cast<std::int64_t>(day);
  if (0 < value && value < 60 && !mac_epoch) days += 1;
  days += ms / 86400000;
  ms %= 86400000;
  const std::int64_t epoch = mac_epoch ? days_from_civil(1904, 1, 1) : days_from_civil(1899, 12, 30);
  std::int64_t y;
  unsigned m, d;
  civil_from_days(epoch + days, y, m, d);
  if (y < 1 || y > 9999) return std::nullopt;
  if (ms == 0) return date_text(y, m, d);
  return date_text(y, m, d) + "T" + clock_text(ms / 1000, (ms % 1000) * 1000);
}

/// Python's `str` of a `timedelta` of days, seconds (0-86399) and microseconds.
inline std::string timedelta_text(std::int64_t days, std::int64_t seconds, std::int64_t micro) {
  std::string out;
  if (days) out = std::to_string(days) + (days == 1 || days == -1 ? " day, " : " days, ");
  out += std::to_string(seconds / 3600) + ":" + two(static_cast<unsigned>(seconds / 60 % 60)) + ":" +
         two(static_cast<unsigned>(seconds % 60));
  append_microseconds(out, micro);
  return out;
}

/// The text of a serial read under an elapsed-time format, as openpyxl's
/// `from_excel(value, timedelta=True)` and Python's `str` make it (`1 day, 2:00:00`):
/// Python's `timedelta(days=value)` rounding to microseconds, then to milliseconds. Nothing
/// beyond the 999,999,999 days a `timedelta` holds.
inline std::optional<std::string> serial_duration(double value) {
  if (!std::isfinite(value) || std::fabs(value) >= 1e10) return std::nullopt;
  // timedelta(days=value): whole days, then whole seconds of the fraction, then the
  // microseconds of what is left, rounded half to even.
  double whole_days;
  const double day_fraction = std::modf(value, &whole_days);
  double whole_seconds;
  const double second_fraction = std::modf(day_fraction * 86400.0, &whole_seconds);
  std::int64_t micro = static_cast<std::int64_t>(round_half_even(second_fraction * 1e6));
  std::int64_t total = (static_cast<std::int64_t>(whole_days) * 86400 + static_cast<std::int64_t>(whole_seconds)) * 1000000 + micro;
  auto floor_div = [](std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); };
  std::int64_t seconds = floor_div(total, 1000000);
  micro = total - seconds * 1000000;
  if (micro) {
    // openpyxl keeps milliseconds: round(microseconds, -3), half to even.
    std::int64_t thousands = micro / 1000, rest = micro % 1000;
    if (rest > 500 || (rest == 500 && thousands % 2 == 1)) ++thousands;
    micro = thousands * 1000;
    if (micro == 1000000) ++seconds, micro = 0;
  }
  const std::int64_t days = floor_div(seconds, 86400);
  if (days > 999999999 || days < -999999999) return std::nullopt;
  return timedelta_text(days, seconds - days * 86400, micro);
}

/// The text of an ISO 8601 `t="d"` cell as openpyxl's `from_ISO8601` and the Python package
/// make it: `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS[.fff]]` (a midnight is the date alone),
/// `HH:MM[:SS[.fff]]`, or a duration `PT1H2M3.5S`; only the start of the text is read, as
/// openpyxl's pattern does. Nothing for a text that is none of these, or an impossible date.
inline std::optional<std::string> iso_date(std::string_view s) {
  auto digits = [&](std::size_t at, std::size_t n) {
    if (at + n > s.size()) return -1L;
    long v = 0;
    for (std::size_t i = at; i < at + n; ++i) {
      if (s[i] < '0' || s[i] > '9') return -1L;
      v = v * 10 + (s[i] - '0');
    }
    return v;
  };
  std::size_t at = 0;
  long year = -1, month = 0, day = 0;
  if (digits(0, 4) >= 0 && at + 10 <= s.size() && s[4] == '-' && digits(5, 2) >= 0 && s[7] == '-' && digits(8, 2) >= 0) {
    year = digits(0, 4), month = digits(5, 2), day = digits(8, 2);
    at = 10;
  }
  if (at < s.size() && s[at] == 'T') ++at;
  long hour = -1, minute = 0, second = 0, micro = 0;
  if (digits(at, 2) >= 0 && at + 5 <= s.size() && s[at + 2] == ':' && digits(at + 3, 2) >= 0) {
    hour = digits(at, 2), minute = digits(at + 3, 2);
    at += 5;
    if (at + 3 <= s.size() && s[at] == ':' && digits(at + 1, 2) >= 0) {
      second = digits(at + 1, 2);
      at += 3;
      if (at + 1 < s.size() && s[at] == '.' && s[at + 1] >= '0' && s[at + 1] <= '9') {
        std::size_t end = at + 1;
        while (end < s.size() && end < at + 4 && s[end] >= '0' && s[end] <= '9') ++end;
        micro = static_cast<long>(std::stod(std::string(s.substr(at, end - at))) * 1000000);
      }
    }
  }
  if (year >= 0 || hour >= 0) {
    auto valid_clock = [&] { return hour < 24 && minute < 60 && second < 60; };
    if (year < 0) {
      if (!valid_clock()) return std::nullopt;
      return clock_text(hour * 3600 + minute * 60 + second, micro);
    }
    if (year < 1 || month < 1 || month > 12 || day < 1) return std::nullopt;
    static constexpr unsigned lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (day > static_cast<long>(lengths[month - 1] + (month == 2 && leap))) return std::nullopt;
    const std::string date = date_text(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
    if (hour < 0) return date;
    if (!valid_clock()) return std::nullopt;
    if (hour == 0 && minute == 0 && second == 0 && micro == 0) return date;
    return date + "T" + clock_text(hour * 3600 + minute * 60 + second, micro);
  }
  // A duration: PT[nH][nM][n[.fff]S].
  if (s.substr(0, 2) != "PT") return std::nullopt;
  at = 2;
  double parts[3] = {0, 0, 0};
  bool any = false;
  const char units[3] = {'H', 'M', 'S'};
  for (int u = 0; u < 3; ++u) {
    std::size_t end = at;
    while (end < s.size() && s[end] >= '0' && s[end] <= '9') ++end;
    if (end == at) continue;
    std::size_t number_end = end;
    if (u == 2 && end + 1 < s.size() && s[end] == '.' && s[end + 1] >= '0' && s[end + 1] <= '9') {
      number_end = end + 1;
      while (number_end < s.size() && number_end < end + 4 && s[number_end] >= '0' && s[number_end] <= '9') ++number_end;
    }
    if (number_end < s.size() && s[number_end] == units[u]) {
      parts[u] = std::stod(std::string(s.substr(at, number_end - at)));
      any = true;
      at = number_end + 1;
    }
  }
  if (!any) return std::nullopt;
  const double total_us = std::round((parts[0] * 3600 + parts[1] * 60 + parts[2]) * 1e6);
  if (!(total_us < 8.6e19)) return std::nullopt;
  const auto us = static_cast<std::int64_t>(total_us);
  const std::int64_t seconds = us / 1000000;
  return timedelta_text(seconds / 86400, seconds % 86400, us % 1000000);
}

}  // namespace coproduction::detail::xlsx
