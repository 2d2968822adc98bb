// SPDX-License-Identifier: Apache-2.0
// The same InferenceService (namespace and name) in two places of the inputs: applied
// together the later silently replaces the earlier (kubectl apply, and kustomize refuses
// duplicate resource ids), and `isvc-scale render` refuses the pair because its objects
// would be written twice. ScaledObjects are keda-workload-multiple-scalers'.
#include "validate/rule.hpp"

#include <fmt/format.h>
#include <map>
#include <vector>

namespace isvc::validate {
namespace {

// An InferenceService with a name: where it is, by "<scope>/<name>".
struct Named {
  std::string key;
  DocRef doc;
  Spot name;
};
using Facts = std::vector<Named>;

void collect(const Subject& d, std::any& facts) {
  if (d.isvc == nullptr || !d.isvc->name || d.isvc->name->empty()) {
    return;
  }
  facts_of<Facts>(facts).push_back(
      {d.scope() + "/" + d.name(), doc_ref(d), spot(d, d.isvc->name.mark, d.isvc->name.pointer)});
}

// Two documents of one name are one object when they have one scope (Subject::scope): one
// namespace, or a blank namespace in one directory.
void finish(const std::vector<const std::any*>& files, CrossReporter& cr) {
  std::map<std::string_view, const Named*> first;
  for (const std::any* f : files) {
    const auto* facts = std::any_cast<Facts>(f);
    for (std::size_t i = 0; facts != nullptr && i < facts->size(); ++i) {
      const Named& d = (*facts)[i];
      auto [it, fresh] = first.emplace(d.key, &d);
      if (fresh) {
        continue;
      }
      const Named& was = *it->second;
      const auto& ns = d.doc.object.ns;
      cr.at(d.doc, d.name,
            fmt::format("InferenceService {}{} is defined twice, first at {}:{}: applied together "
                        "the later replaces the earlier, and render would write its objects twice",
                        ns.empty() ? "" : ns + "/", d.doc.object.name, *was.doc.file,
                        was.name.mark.line));
    }
  }
}

constexpr CrossRule k_cross{collect, finish};

} // namespace

extern const Rule k_rule_input_duplicate_object = {
    "input-duplicate-object",
    diag::Severity::error,
    Applies::inference_service,
    "the same InferenceService twice in the inputs",
    "Two documents with one namespace and name are one object on the cluster: `kubectl apply` "
    "keeps whichever comes last, kustomize refuses duplicate resource ids, and `isvc-scale render` "
    "refuses the pair because the ScaledObject or HPA of each would have one name. Reported when "
    "both name one namespace, or both leave it blank (the namespace they are applied to) and sit "
    "in one directory; not across directories with a blank namespace, which in a GitOps "
    "tree are separate applications (base and overlays, one per environment; `render` given "
    "both still refuses, because it writes them into one stream). The finding goes to the later "
    "document in input order.",
    "Rename one of them, or delete the copy.",
    "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\nspec:\n"
    "  predictor:\n    model:\n      modelFormat:\n        name: sklearn\n---\n"
    "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\nspec:\n"
    "  predictor:\n    model:\n      modelFormat:\n        name: sklearn\n",
    nullptr,
    &k_cross,
};

} // namespace isvc::validate
