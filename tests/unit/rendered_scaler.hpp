// SPDX-License-Identifier: Apache-2.0
// The autoscaler `render` produces for a sample, read as `simulate` reads it.
#pragma once

#include "parse/inference_service.hpp"
#include "parse/yaml_loader.hpp"
#include "render/render.hpp"
#include "simulate/scaler.hpp"

#include <doctest/doctest.h>
#include <fstream>
#include <sstream>

inline isvc::simulate::Scaler rendered(const std::string& sample,
                                       isvc::render::Mode mode = isvc::render::Mode::external) {
  std::ifstream f(std::string(ISVC_SOURCE_DIR) + "/samples/" + sample);
  std::stringstream ss;
  ss << f.rdbuf();
  isvc::diag::Sink sink;
  auto file = isvc::parse::load_yaml(sample, ss.str(), sink);
  auto model = isvc::parse::read_inference_service(sample, file.docs.at(0), sink);
  isvc::render::Result res;
  isvc::render::Options opts;
  opts.mode = mode;
  isvc::render::render_isvc(model, opts, res, sink);
  isvc::simulate::Scaler s;
  std::string error;
  REQUIRE(isvc::simulate::scaler_from_objects(res.objects, s, error));
  return s;
}
