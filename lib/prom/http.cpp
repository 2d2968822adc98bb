// SPDX-License-Identifier: Apache-2.0
// api_get loads the HTTP transport (isvc-scale-http.so, lib/prom/http_module.cpp) on first
// use. Linking cpp-httplib into the tool itself loads libssl, libcrypto, zlib and brotli and
// runs OpenSSL's initialiser in every process (cpp-httplib's httplib.h declares a static
// SSLInit under CPPHTTPLIB_OPENSSL_SUPPORT), a third of a one-file lint's start-up.
#include "prom/http.hpp"

#include "prom/http_module.hpp"

#include <cstdlib>
#include <dlfcn.h>
#include <string>
#include <unistd.h>
#include <vector>

namespace isvc::prom {
namespace {

struct Loaded {
  ApiGetFn fn = nullptr;
  std::string error;
};

// The directory of the running executable, "" when /proc is not mounted.
std::string exe_dir() {
  std::vector<char> buf(4096);
  auto n = readlink("/proc/self/exe", buf.data(), buf.size() - 1);
  if (n <= 0) {
    return {};
  }
  std::string path(buf.data(), static_cast<std::size_t>(n));
  auto slash = path.rfind('/');
  return slash == std::string::npos ? std::string() : path.substr(0, slash);
}

// $ISVC_SCALE_HTTP_MODULE when set (the test suite's executables, which live outside the
// directory of isvc-scale), else next to the executable (the build tree), under its prefix,
// then the installed module directory. No build path is compiled in: a shipped binary must
// not look in a directory of the machine it was built on.
std::vector<std::string> candidates() {
  if (const char* env = std::getenv("ISVC_SCALE_HTTP_MODULE"); env != nullptr && *env != 0) {
    return {env};
  }
  std::vector<std::string> out;
  if (auto d = exe_dir(); !d.empty()) {
    out.push_back(d + "/" + k_http_module);
    out.push_back(d + "/../" + ISVC_HTTP_MODULE_REL_DIR + "/" + k_http_module); // moved prefix
  }
  out.push_back(std::string(ISVC_HTTP_MODULE_INSTALL_DIR) + "/" + k_http_module);
  return out;
}

Loaded load() {
  Loaded out;
  for (const auto& path : candidates()) {
    if (access(path.c_str(), R_OK) != 0) {
      continue;
    }
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
      const char* why = dlerror();
      out.error = "cannot load " + path + ": " + (why != nullptr ? why : "dlopen failed");
      return out;
    }
    out.fn = reinterpret_cast<ApiGetFn>(dlsym(handle, k_http_symbol));
    if (out.fn == nullptr) {
      out.error = path + " has no " + k_http_symbol;
    }
    return out;
  }
  out.error = std::string("cannot find ") + k_http_module + " (the HTTP client) next to " +
              "isvc-scale or in " + ISVC_HTTP_MODULE_INSTALL_DIR;
  return out;
}

const Loaded& loaded() {
  static const Loaded l = load();
  return l;
}

} // namespace

bool api_get(const Endpoint& ep,
             const std::string& path,
             const std::vector<std::pair<std::string, std::string>>& query,
             std::string& body,
             std::string& error) {
  const auto& l = loaded();
  if (l.fn == nullptr) {
    error = l.error;
    return false;
  }
  return l.fn(ep, path, query, body, error);
}

} // namespace isvc::prom
