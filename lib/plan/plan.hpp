// SPDX-License-Identifier: Apache-2.0
// The plan: every fact lint and render derive from one InferenceService, decided once.
// parse/kserve read the input; plan::resolve decides; validate and render only read.
#pragma once

#include "diag/diagnostic.hpp"
#include "kserve/component_meta.hpp"
#include "kserve/config.hpp"
#include "kserve/webhook.hpp"
#include "model/extensions.hpp"
#include "model/inference_service.hpp"
#include "plan/activation.hpp"
#include "plan/model_names.hpp"
#include "plan/scrape.hpp"

#include <optional>
#include <string>
#include <vector>

namespace isvc::plan {

/// Which object carries a component's scaling when isvc-scale renders it (--mode external).
enum class Engine { none, keda, hpa };

/// "keda", "hpa" or "none".
const char* to_string(Engine e);

/// One present component (predictor, transformer, explainer), decided.
struct ComponentPlan {
  const model::Component* comp = nullptr;
  /// Names, namespace (with --namespace applied), labels, merged annotations, class.
  kserve::ComponentMeta meta;
  /// The engine render --mode external gives it (see engine_for).
  Engine engine = Engine::none;
  /// A written component-level isvc-scale.io/autoscaler that is neither keda nor hpa.
  const model::Field<std::string>* bad_autoscaler = nullptr;
  /// Multi-node (workerSpec): KServe accepts only autoscalerClass none for it.
  bool multinode = false;
  /// The HPA KEDA creates for the ScaledObject (KEDA pkg/scaling/resolver hpa name
  /// `keda-hpa-<name>`; see keda_hpa_name).
  std::string keda_hpa_name;
  /// The HPA KServe creates and looks up for this component: the component's own name (KServe
  /// pkg/controller/v1beta1/inferenceservice/reconcilers/hpa/hpa_reconciler.go:168-175 createHPA
  /// uses componentMeta; checkHPAExist:186-192 gets it by that name).
  std::string kserve_hpa_name;
  /// The HPA render --mode external writes (engine hpa). Never kserve_hpa_name: with class
  /// external KServe still runs its HPA reconciler (autoscaler_reconciler.go:93-94), and an HPA
  /// of that name that the InferenceService does not own is not deleted (shouldDeleteHPA,
  /// hpa_reconciler.go:226-240) but rewritten to KServe's spec (checkHPAExist:205-211, Update)
  /// with the InferenceService as its controller (SetControllerReferences:291-293), after which
  /// the next reconcile deletes it.
  std::string external_hpa_name;
  /// spec.advanced.horizontalPodAutoscalerConfig.name of the rendered ScaledObject when
  /// keda-hpa-<name> exceeds 63 characters ("" otherwise); never kserve_hpa_name, as above.
  std::string keda_custom_hpa_name;
  /// KEDA at minReplicas 0: what wakes it (see activation.hpp). Unset otherwise.
  std::optional<ActivationPlan> activation;
  /// A load trigger reads a router or gateway counter: it wakes the service by itself.
  bool wakes_itself = false;
  /// The API model name and vLLM's model_name label (model_names.hpp); presets read them
  /// through preset_vars.
  ModelNames names;
  /// Where Prometheus scrapes its metrics (serving.kserve.io/enable-prometheus-scraping).
  ScrapePlan scrape;

  bool keda() const { return engine == Engine::keda; }
};

/// One InferenceService, decided.
struct Plan {
  const model::InferenceService* isvc = nullptr;
  /// The controller's deployment mode: the annotation (normalised) or the ConfigMap default
  /// (KServe GetDeploymentMode), "" when the annotation names no mode.
  std::string mode;
  /// The annotation as written ("" when absent) and whether it named a known mode.
  const model::Field<std::string>* mode_annotation = nullptr;
  bool mode_from_annotation = false;
  /// isvc-scale.io/ annotations, read once (findings went to the sink given to resolve).
  model::Extensions ext;
  /// KServe's admission webhook verdicts.
  std::vector<kserve::Violation> violations;
  /// Present components in InferenceService order (no canaries).
  std::vector<ComponentPlan> components;
  /// isvc-scale's own annotations (isvc-scale.io/ keys on the InferenceService or a component,
  /// but isvc-scale.io/autoscaler, which render writes and which changes only with the scaler
  /// kind) that KServe copies into the pod template: every one not in the ConfigMap's
  /// serviceAnnotationDisallowedList (KServe components/predictor.go:100-102 and 164-171 filter
  /// by exact key, utils/collections.go:39-46; buildObjectMeta:498-519 merges them into the
  /// component's metadata, which the Deployment's pod template copies,
  /// reconcilers/deployment/deployment_reconciler.go:140-158). Changing one changes the
  /// template, and the Deployment rolls its pods (checkDeploymentExist:263-271 diffs the spec).
  std::vector<const model::Field<std::string>*> pod_template_extensions;
  std::vector<std::string> pod_template_extension_keys;

  const ComponentPlan* component(model::ComponentKind kind) const;
  /// The component plan of `c` (matched by kind), or nullptr.
  const ComponentPlan* of(const model::Component& c) const { return component(c.kind); }
  /// True when some component is rendered with KEDA.
  bool any_keda() const;
  /// render --mode external renders it: the deployment mode, as the controller resolves it
  /// (annotation, else the ConfigMap's defaultDeploymentMode from --kserve-config, else
  /// KServe's shipped default), is Standard. One rule for lint, render and the bridge.
  bool external_renders() const;
};

/// Decides everything for `isvc`. Annotation findings (isvc-annotation-value,
/// isvc-unknown-annotation, promql-parse-error) go to `sink`; `ns` overrides the
/// namespace (render --namespace) when not empty.
Plan resolve(const model::InferenceService& isvc,
             const kserve::Config& config,
             const std::string& ns,
             diag::Sink& sink);

/// The engine isvc-scale renders for `c`: a component's isvc-scale.io/autoscaler, then the
/// InferenceService's, then the class (keda, none, external: KEDA when min 0 or a non-Resource
/// metric needs it, hpa otherwise). Multi-node predictors keep none (KServe's webhook accepts
/// only autoscalerClass none for them).
Engine engine_for(const model::Component& c,
                  const kserve::ComponentMeta& meta,
                  const model::Extensions& ext);

/// minReplicaCount / maxReplicaCount of the ScaledObject (and HPA) KServe creates: minReplicas
/// (default 1) and maxReplicas (0 when unset), max raised to min when below it (KServe
/// pkg/controller/v1beta1/inferenceservice/reconcilers/keda/keda_reconciler.go getScaledObject,
/// which copies componentExt.MinReplicas/MaxReplicas and lifts max to min).
struct ReplicaBounds {
  std::int64_t min;
  std::int64_t max;
};
ReplicaBounds kserve_keda_replicas(const model::Component& c);

/// The HPA name KEDA gives a ScaledObject's HPA (KEDA pkg/scaling/executor getHpaName
/// / controllers/keda/hpa.go: the custom name if non-empty, else keda-hpa-<name>).
std::string keda_hpa_name(const std::string& scaled_object, const std::string& custom = "");

/// The HPA name render gives a ScaledObject named `scaled_object` whose keda-hpa-<name> would
/// break KEDA's 63-character limit (KEDA apis/keda/v1alpha1/scaledobject_webhook.go:210-215
/// verifyName): the first 54 characters, '-', and 8 hex digits of the name's FNV-1a hash, so it
/// stays unique and differs from the component's own name. "" when the default fits.
std::string keda_custom_hpa_name(const std::string& scaled_object);

} // namespace isvc::plan
