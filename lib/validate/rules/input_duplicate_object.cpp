// SPDX-License-Identifier: Apache-2.0
// The same InferenceService (namespace and name) in two places of the inputs: applied
// together the later silently replaces the earlier (kubectl apply, and kustomize refuses
// duplicate resource ids), and `isvc-scale render` refuses the pair because its objects
// would be written twice. ScaledObjects are keda-workload-multiple-scalers'.
#include "validate/rule.hpp"

#include <fmt/format.h>
#include <map>
#include <set>
#include <string_view>
#include <vector>

namespace isvc::validate {
namespace {

// An InferenceService with a name: where it is, by "<scope>/<name>". One is kept per
// document of a stream, so small: the name is the key's tail, the apiVersion is shared
// (Facts::api_versions) and the kind is InferenceService.
struct Named {
  std::string key;
  std::size_t name_at = 0; // where the name starts in `key`
  const std::string* file = nullptr;
  int index = 0;
  const std::string* api_version = nullptr;
  std::string ns;
  Spot name;

  std::string_view object_name() const { return std::string_view(key).substr(name_at); }
  DocRef doc() const {
    return {file, index, {*api_version, "InferenceService", ns, std::string(object_name())}};
  }
};

struct Facts {
  std::vector<Named> named;
  std::set<std::string, std::less<>> api_versions;
};

void collect(const Subject& d, std::any& facts) {
  if (d.isvc == nullptr || !d.isvc->name || d.isvc->name->empty()) {
    return;
  }
  auto& f = facts_of<Facts>(facts);
  const std::string& api = *f.api_versions.insert(d.type.api_version).first;
  std::string name = d.name();
  std::string key = d.scope() + "/" + name;
  std::size_t name_at = key.size() - name.size();
  f.named.push_back({std::move(key), name_at, &d.file, d.doc.index, &api, d.ns(),
                     spot(d, d.isvc->name.mark, d.isvc->name.pointer)});
}

// Two documents of one name are one object when they have one scope (Subject::scope): one
// namespace, or a blank namespace in one directory.
void finish(const std::vector<const std::any*>& files, CrossReporter& cr) {
  std::map<std::string_view, const Named*> first;
  for (const std::any* f : files) {
    const auto* facts = std::any_cast<Facts>(f);
    for (std::size_t i = 0; facts != nullptr && i < facts->named.size(); ++i) {
      const Named& d = facts->named[i];
      auto [it, fresh] = first.emplace(d.key, &d);
      if (fresh) {
        continue;
      }
      const Named& was = *it->second;
      const auto& ns = d.ns;
      cr.at(d.doc(), d.name,
            fmt::format("InferenceService {}{} is defined twice, first at {}:{}: applied together "
                        "the later replaces the earlier, and render would write its objects twice",
                        ns.empty() ? "" : ns + "/", d.object_name(), *was.file,
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
