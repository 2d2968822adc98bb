// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "promql/parser.hpp"
#include "validate/rule.hpp"

#include <memory>
#include <string>
#include <vector>

namespace isvc::validate {

/// Where a query came from, and what reads it.
enum class QueryKind : std::uint8_t {
  promql, ///< KEDA prometheus trigger (ISVC External/prometheus or hand-written)
  otel,   ///< kedify otel add-on metricQuery (ISVC PodMetric or hand-written)
};

/// One query string in a document, with what is needed to judge it.
struct QuerySite {
  QueryKind kind = QueryKind::promql;
  std::string text;
  model::Mark mark;
  std::string pointer;
  /// Column offset of text[0] from mark (1 for a one-line quoted scalar, 0 plain);
  /// -1 when offsets inside the text cannot be mapped (block scalars, escapes).
  int offset_base = -1;
  /// The YAML token's quote character ('"' or '\''), 0 when plain; only set with offset_base.
  char quote = 0;
  /// "Value", "AverageValue" or "" (trigger/target type; "" = KEDA default AverageValue).
  std::string metric_type;
  /// The activation (keepalive) query of a scale-to-zero setup.
  bool activation = false;
  /// Expanded from a preset (text is not the source text).
  bool preset = false;
  std::string preset_metric_type;
  /// Namespace and InferenceService/workload the query should be scoped to.
  std::string ns;
  std::string owner;
  /// The model name vLLM labels its series with, when the plan settles it for the component
  /// (plan::served_model_name); "" when it cannot tell, and for a ScaledObject.
  std::string model;

  /// Position of byte `offset` of the text, or the scalar's start.
  model::Mark at(std::size_t offset) const;
  /// promql::parse(text), parsed on first use and shared by every rule that reads it.
  const promql::Parsed& parsed() const;

private:
  mutable std::shared_ptr<const promql::Parsed> m_parsed;
};

/// Every query in an InferenceService or ScaledObject document (found on the first call,
/// kept in the Subject).
const std::vector<QuerySite>& query_sites(const Subject& d);

} // namespace isvc::validate
