// SPDX-License-Identifier: Apache-2.0
// The same InferenceService (namespace and name) in two places of the inputs: applied
// together the later silently replaces the earlier (kubectl apply, and kustomize refuses
// duplicate resource ids), and `isvc-scale render` refuses the pair because its objects
// would be written twice. ScaledObjects are keda-workload-multiple-scalers'.
#include "validate/rule.hpp"

#include <filesystem>
#include <fmt/format.h>
#include <map>

namespace isvc::validate {
namespace {

// Two documents of one name are one object when they name one namespace, or when a blank
// namespace (the one they are applied to) leaves it open and they sit in one directory.
// Across directories a blank namespace is not a conflict: in a GitOps tree each directory
// is its own kustomization or application (base and overlays, one per environment).
// Constant work per document: the first of each namespace, and per directory the first
// document and the first with a blank namespace.
struct InDirectory {
  const Subject* any = nullptr;
  const Subject* blank = nullptr;
};

void cross(const Corpus& c, CrossReporter& cr) {
  std::map<std::string, const Subject*> by_namespace; // "<ns>/<name>"
  std::map<std::string, InDirectory> by_directory;      // "<dir>/<name>"
  for (const Subject* d : c.docs) {
    if (d->isvc == nullptr || !d->isvc->name || d->isvc->name->empty()) {
      continue;
    }
    std::string ns = d->ns();
    const Subject* was = nullptr;
    if (!ns.empty()) {
      auto [it, fresh] = by_namespace.emplace(ns + "/" + d->name(), d);
      was = fresh ? nullptr : it->second;
    }
    auto& dir =
        by_directory[std::filesystem::path(d->file).parent_path().string() + "/" + d->name()];
    if (was == nullptr) {
      was = ns.empty() ? dir.any : dir.blank;
    }
    dir.any = dir.any != nullptr ? dir.any : d;
    dir.blank = dir.blank != nullptr || !ns.empty() ? dir.blank : d;
    if (was == nullptr) {
      continue;
    }
    cr.for_doc(*d).at(
        d->isvc->name,
        fmt::format("InferenceService {}{} is defined twice, first at {}:{}: applied together "
                    "the later replaces the earlier, and render would write its objects twice",
                    ns.empty() ? "" : ns + "/", d->name(), was->file, was->isvc->name.mark.line));
  }
}

} // namespace

extern const Rule k_rule_input_duplicate_object = {
    "input-duplicate-object",
    diag::Severity::error,
    Applies::inference_service,
    "the same InferenceService twice in the inputs",
    "Two documents with one namespace and name are one object on the cluster: `kubectl apply` "
    "keeps whichever comes last, kustomize refuses duplicate resource ids, and `isvc-scale render` "
    "refuses the pair because the ScaledObject or HPA of each would have one name. Reported when "
    "both name one namespace, or when a blank namespace leaves it to where they are applied and "
    "they sit in one directory; not across directories with a blank namespace, which in a GitOps "
    "tree are separate applications (base and overlays, one per environment; `render` given "
    "both still refuses, because it writes them into one stream). The finding goes to the later document in input order.",
    "Rename one of them, or delete the copy.",
    "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\nspec:\n"
    "  predictor:\n    model:\n      modelFormat:\n        name: sklearn\n---\n"
    "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\nspec:\n"
    "  predictor:\n    model:\n      modelFormat:\n        name: sklearn\n",
    nullptr,
    cross,
};

} // namespace isvc::validate
