// SPDX-License-Identifier: Apache-2.0
// The rule table: one row per rule, sorted by id (ninja's kTools idea). A rule
// is one file under rules/ plus one row here; no static self-registration.
#include "validate/rule.hpp"

namespace isvc::validate {

extern const Rule k_rule_hpa_behavior_invalid;
extern const Rule k_rule_hpa_kserve_name;
extern const Rule k_rule_hpa_metric_invalid;
extern const Rule k_rule_hpa_metrics_adapter;
extern const Rule k_rule_hpa_replica_bounds;
extern const Rule k_rule_input_duplicate_object;
extern const Rule k_rule_isvc_annotation_value;
extern const Rule k_rule_isvc_annotations_roll_pods;
extern const Rule k_rule_isvc_deployment_mode_unset;
extern const Rule k_rule_isvc_deprecated_deployment_mode;
extern const Rule k_rule_isvc_keda_outside_standard;
extern const Rule k_rule_isvc_knative_settings_ignored;
extern const Rule k_rule_isvc_max_replicas_zero;
extern const Rule k_rule_isvc_name_too_long;
extern const Rule k_rule_isvc_preset_needs_external;
extern const Rule k_rule_isvc_scale_to_zero_hpa;
extern const Rule k_rule_isvc_scale_to_zero_no_activation;
extern const Rule k_rule_isvc_suppression_unknown_rule;
extern const Rule k_rule_isvc_unknown_annotation;
extern const Rule k_rule_keda_auth_modes_invalid;
extern const Rule k_rule_keda_auth_modes_without_ref;
extern const Rule k_rule_keda_auth_ref_unresolved;
extern const Rule k_rule_keda_deprecated_metric_name;
extern const Rule k_rule_keda_duplicate_trigger_name;
extern const Rule k_rule_keda_external_utilization;
extern const Rule k_rule_keda_fallback_ignore_null_values;
extern const Rule k_rule_keda_fallback_needs_non_resource;
extern const Rule k_rule_keda_fallback_scale_to_zero;
extern const Rule k_rule_keda_initial_cooldown_unset;
extern const Rule k_rule_keda_name_too_long;
extern const Rule k_rule_keda_only_resource_triggers_min_zero;
extern const Rule k_rule_keda_replica_bounds;
extern const Rule k_rule_keda_scale_to_zero_no_activation;
extern const Rule k_rule_keda_timing_not_relevant;
extern const Rule k_rule_keda_workload_multiple_scalers;
extern const Rule k_rule_kserve_api_version;
extern const Rule k_rule_kserve_autoscaler_class;
extern const Rule k_rule_kserve_canary;
extern const Rule k_rule_kserve_coerces_hpa_cpu_target;
extern const Rule k_rule_kserve_container_concurrency;
extern const Rule k_rule_kserve_drops_external_metric_type;
extern const Rule k_rule_kserve_drops_graphite_namespace;
extern const Rule k_rule_kserve_drops_hpa_metrics;
extern const Rule k_rule_kserve_drops_keda_behavior_policies;
extern const Rule k_rule_kserve_empty_query;
extern const Rule k_rule_kserve_empty_threshold;
extern const Rule k_rule_kserve_hpa_memory_min;
extern const Rule k_rule_kserve_hpa_metric_type;
extern const Rule k_rule_kserve_hpa_scalemetric;
extern const Rule k_rule_kserve_ignores_hpa_behavior;
extern const Rule k_rule_kserve_keda_cpu_utilization;
extern const Rule k_rule_kserve_keda_max_replicas_zero;
extern const Rule k_rule_kserve_keda_memory_min;
extern const Rule k_rule_kserve_keda_memory_type;
extern const Rule k_rule_kserve_keda_metric_source;
extern const Rule k_rule_kserve_keda_metric_type;
extern const Rule k_rule_kserve_keda_scalemetric;
extern const Rule k_rule_kserve_keda_target;
extern const Rule k_rule_kserve_keda_threshold_text;
extern const Rule k_rule_kserve_kpa_deployment_strategy;
extern const Rule k_rule_kserve_kpa_rps_target;
extern const Rule k_rule_kserve_kpa_scalemetric;
extern const Rule k_rule_kserve_multinode_class;
extern const Rule k_rule_kserve_name;
extern const Rule k_rule_kserve_podmetric_query_wrapped;
extern const Rule k_rule_kserve_replicas;
extern const Rule k_rule_kserve_utilization_range;
extern const Rule k_rule_otel_sidecar_annotation;
extern const Rule k_rule_podmonitor_port_undeclared;
extern const Rule k_rule_promql_activation_counts_series;
extern const Rule k_rule_promql_metric_type_mismatch;
extern const Rule k_rule_promql_not_scoped;
extern const Rule k_rule_promql_not_single_series;
extern const Rule k_rule_promql_otel_colon_name;
extern const Rule k_rule_promql_otel_query_grammar;
extern const Rule k_rule_promql_parse_error;
extern const Rule k_rule_promql_rate_window_short;
extern const Rule k_rule_promql_unguarded_division;
extern const Rule k_rule_render_unrenderable;
extern const Rule k_rule_schema_enum;
extern const Rule k_rule_schema_invalid;
extern const Rule k_rule_schema_pattern;
extern const Rule k_rule_schema_range;
extern const Rule k_rule_schema_required;
extern const Rule k_rule_schema_type;
extern const Rule k_rule_schema_unknown_field;
extern const Rule k_rule_vllm_metric_renamed;
extern const Rule k_rule_yaml_duplicate_key;
extern const Rule k_rule_yaml_syntax;

const std::vector<const Rule*>& rules() {
  static const std::vector<const Rule*> k_rules = {
      &k_rule_hpa_behavior_invalid,
      &k_rule_hpa_kserve_name,
      &k_rule_hpa_metric_invalid,
      &k_rule_hpa_metrics_adapter,
      &k_rule_hpa_replica_bounds,
      &k_rule_input_duplicate_object,
      &k_rule_isvc_annotation_value,
      &k_rule_isvc_annotations_roll_pods,
      &k_rule_isvc_deployment_mode_unset,
      &k_rule_isvc_deprecated_deployment_mode,
      &k_rule_isvc_keda_outside_standard,
      &k_rule_isvc_knative_settings_ignored,
      &k_rule_isvc_max_replicas_zero,
      &k_rule_isvc_name_too_long,
      &k_rule_isvc_preset_needs_external,
      &k_rule_isvc_scale_to_zero_hpa,
      &k_rule_isvc_scale_to_zero_no_activation,
      &k_rule_isvc_suppression_unknown_rule,
      &k_rule_isvc_unknown_annotation,
      &k_rule_keda_auth_modes_invalid,
      &k_rule_keda_auth_modes_without_ref,
      &k_rule_keda_auth_ref_unresolved,
      &k_rule_keda_deprecated_metric_name,
      &k_rule_keda_duplicate_trigger_name,
      &k_rule_keda_external_utilization,
      &k_rule_keda_fallback_ignore_null_values,
      &k_rule_keda_fallback_needs_non_resource,
      &k_rule_keda_fallback_scale_to_zero,
      &k_rule_keda_initial_cooldown_unset,
      &k_rule_keda_name_too_long,
      &k_rule_keda_only_resource_triggers_min_zero,
      &k_rule_keda_replica_bounds,
      &k_rule_keda_scale_to_zero_no_activation,
      &k_rule_keda_timing_not_relevant,
      &k_rule_keda_workload_multiple_scalers,
      &k_rule_kserve_api_version,
      &k_rule_kserve_autoscaler_class,
      &k_rule_kserve_canary,
      &k_rule_kserve_coerces_hpa_cpu_target,
      &k_rule_kserve_container_concurrency,
      &k_rule_kserve_drops_external_metric_type,
      &k_rule_kserve_drops_graphite_namespace,
      &k_rule_kserve_drops_hpa_metrics,
      &k_rule_kserve_drops_keda_behavior_policies,
      &k_rule_kserve_empty_query,
      &k_rule_kserve_empty_threshold,
      &k_rule_kserve_hpa_memory_min,
      &k_rule_kserve_hpa_metric_type,
      &k_rule_kserve_hpa_scalemetric,
      &k_rule_kserve_ignores_hpa_behavior,
      &k_rule_kserve_keda_cpu_utilization,
      &k_rule_kserve_keda_max_replicas_zero,
      &k_rule_kserve_keda_memory_min,
      &k_rule_kserve_keda_memory_type,
      &k_rule_kserve_keda_metric_source,
      &k_rule_kserve_keda_metric_type,
      &k_rule_kserve_keda_scalemetric,
      &k_rule_kserve_keda_target,
      &k_rule_kserve_keda_threshold_text,
      &k_rule_kserve_kpa_deployment_strategy,
      &k_rule_kserve_kpa_rps_target,
      &k_rule_kserve_kpa_scalemetric,
      &k_rule_kserve_multinode_class,
      &k_rule_kserve_name,
      &k_rule_kserve_podmetric_query_wrapped,
      &k_rule_kserve_replicas,
      &k_rule_kserve_utilization_range,
      &k_rule_otel_sidecar_annotation,
      &k_rule_podmonitor_port_undeclared,
      &k_rule_promql_activation_counts_series,
      &k_rule_promql_metric_type_mismatch,
      &k_rule_promql_not_scoped,
      &k_rule_promql_not_single_series,
      &k_rule_promql_otel_colon_name,
      &k_rule_promql_otel_query_grammar,
      &k_rule_promql_parse_error,
      &k_rule_promql_rate_window_short,
      &k_rule_promql_unguarded_division,
      &k_rule_render_unrenderable,
      &k_rule_schema_enum,
      &k_rule_schema_invalid,
      &k_rule_schema_pattern,
      &k_rule_schema_range,
      &k_rule_schema_required,
      &k_rule_schema_type,
      &k_rule_schema_unknown_field,
      &k_rule_vllm_metric_renamed,
      &k_rule_yaml_duplicate_key,
      &k_rule_yaml_syntax,
  };
  return k_rules;
}

} // namespace isvc::validate
