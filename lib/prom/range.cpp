// SPDX-License-Identifier: Apache-2.0
// Range queries. prometheus/prometheus web/api/v1/api.go queryRange refuses
// (end - start) / step > 11000 ("exceeded maximum resolution of 11,000 points per
// timeseries"), so a long history is asked in pieces of at most kPiece steps.
#include "prom/client.hpp"
#include "prom/http.hpp"

#include <algorithm>

namespace isvc::prom {
namespace {

constexpr long kPiece = 10000;

// Appends `piece`'s series to `out`, joining series with the same label set.
void join(RangeResult& out, RangeResult&& piece) {
  for (auto& s : piece.series) {
    auto it = std::find_if(out.series.begin(), out.series.end(),
                           [&](const RangeSeries& o) { return o.labels == s.labels; });
    if (it == out.series.end()) {
      out.series.push_back(std::move(s));
    } else {
      it->points.insert(it->points.end(), s.points.begin(), s.points.end());
    }
  }
}

} // namespace

RangeResult
range_query(const Endpoint& ep, const std::string& query, long start, long end, int step) {
  RangeResult out;
  if (step <= 0 || end < start) {
    out.error = "a range query needs start <= end and a positive step";
    return out;
  }
  for (long from = start; from <= end; from += kPiece * step) {
    long to = std::min(end, from + (kPiece - 1) * step);
    std::string body;
    if (!api_get(ep, "/api/v1/query_range",
                 {{"query", query},
                  {"start", std::to_string(from)},
                  {"end", std::to_string(to)},
                  {"step", std::to_string(step)}},
                 body, out.error)) {
      out.series.clear();
      return out;
    }
    auto piece = parse_range_response(body);
    if (!piece.ok) {
      out.series.clear();
      out.error = piece.error;
      return out;
    }
    join(out, std::move(piece));
  }
  out.ok = true;
  return out;
}

} // namespace isvc::prom
