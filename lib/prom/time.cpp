// SPDX-License-Identifier: Apache-2.0
// The two time forms prometheus/prometheus web/api/v1/api.go parseTime accepts: Unix seconds
// with an optional fraction, or RFC 3339 (with a fraction of seconds and Z or an offset).
#include "prom/client.hpp"

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <ctime>

namespace isvc::prom {
namespace {

bool unix_seconds(const std::string& s, double& out) {
  char* end = nullptr;
  out = std::strtod(s.c_str(), &end);
  return !s.empty() && std::isdigit(static_cast<unsigned char>(s[0])) != 0 && *end == '\0';
}

// Seconds east of UTC of a "Z", "+hh:mm" or "-hh:mm" suffix; false for anything else.
bool zone_offset(const char* z, long& east) {
  if ((*z == 'Z' || *z == 'z') && z[1] == '\0') {
    east = 0;
    return true;
  }
  int hh = 0;
  int mm = 0;
  int used = 0;
  if ((*z != '+' && *z != '-') || std::sscanf(z + 1, "%2d:%2d%n", &hh, &mm, &used) != 2 ||
      used != 5 || z[6] != '\0' || hh > 23 || mm > 59) {
    return false;
  }
  east = (*z == '-' ? -1L : 1L) * (hh * 3600L + mm * 60L);
  return true;
}

bool rfc3339(const std::string& s, double& out) {
  std::tm tm{};
  int used = 0;
  if (std::sscanf(s.c_str(), "%4d-%2d-%2d%*1[Tt ]%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon,
                  &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &used) != 6 ||
      used != 19 || tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 || tm.tm_mday > 31 ||
      tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 60) {
    return false;
  }
  const char* rest = s.c_str() + used;
  double fraction = 0;
  if (*rest == '.') {
    char* end = nullptr;
    fraction = std::strtod(rest, &end);
    if (end == rest + 1) {
      return false;
    }
    rest = end;
  }
  long east = 0;
  if (!zone_offset(rest, east)) {
    return false;
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  out = static_cast<double>(timegm(&tm) - east) + fraction;
  return true;
}

} // namespace

bool parse_time(const std::string& text, double& out) {
  return unix_seconds(text, out) || rfc3339(text, out);
}

} // namespace isvc::prom
