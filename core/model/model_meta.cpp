#include "model/model_meta.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <stdexcept>

namespace vitlens {
namespace {

constexpr const char* kFormat = "vitlens";
constexpr const char* kFormatVersion = "1";

[[noreturn]] void fail(const std::string& key, const std::string& what) {
  throw std::invalid_argument("model metadata '" + key + "': " + what);
}

nlohmann::json parseKey(const std::map<std::string, std::string>& metadata, const std::string& key) {
  try {
    return nlohmann::json::parse(metadata.at(key));
  } catch (const nlohmann::json::exception& e) {
    fail(key, std::string("invalid JSON (") + e.what() + ")");
  }
}

std::array<float, 3> parseTriple(const std::map<std::string, std::string>& metadata, const std::string& key) {
  const auto json = parseKey(metadata, key);
  if (!json.is_array() || json.size() != 3) fail(key, "must be a JSON array of 3 numbers");
  std::array<float, 3> out{};
  for (size_t i = 0; i < 3; ++i) {
    if (!json[i].is_number()) fail(key, "must be a JSON array of 3 numbers");
    // Read as double first: converting an out-of-range value such as 1e300 straight to float is undefined.
    const double value = json[i].get<double>();
    if (!(std::abs(value) < 1e30)) fail(key, "values must be finite numbers of reasonable size");
    out[i] = static_cast<float>(value);
    if (!std::isfinite(out[i])) fail(key, "values must be finite");
  }
  return out;
}

}  // namespace

std::string ModelMeta::label(int64_t index) const {
  if (index >= 0 && static_cast<size_t>(index) < labels.size()) return labels[static_cast<size_t>(index)];
  return "class " + std::to_string(index);
}

std::map<std::string, std::string> ModelMeta::toMetadata() const {
  std::map<std::string, std::string> out;
  out["format"] = kFormat;
  out["format_version"] = kFormatVersion;
  out["name"] = name;
  out["config"] = config.toJson();
  out["labels"] = nlohmann::json(labels).dump();
  out["mean"] = nlohmann::json(mean).dump();
  out["std"] = nlohmann::json(stddev).dump();
  out["crop_pct"] = nlohmann::json(cropPct).dump();
  out["provenance"] = nlohmann::json(provenance).dump();
  return out;
}

ModelMeta ModelMeta::fromMetadata(const std::map<std::string, std::string>& metadata) {
  ModelMeta meta;
  if (const auto it = metadata.find("format"); it != metadata.end() && it->second != kFormat) {
    fail("format", "expected \"vitlens\", found \"" + it->second + "\"");
  }
  if (const auto it = metadata.find("format_version"); it != metadata.end() && it->second != kFormatVersion) {
    fail("format_version", "unsupported version \"" + it->second + "\" (this build reads version 1)");
  }
  if (metadata.find("config") == metadata.end()) fail("config", "missing");
  try {
    meta.config = VitConfig::fromJson(metadata.at("config"));
  } catch (const std::invalid_argument& e) {
    fail("config", e.what());
  }
  if (const auto it = metadata.find("name"); it != metadata.end()) meta.name = it->second;

  if (metadata.count("labels")) {
    const auto json = parseKey(metadata, "labels");
    if (!json.is_array()) fail("labels", "must be a JSON array of strings");
    for (const auto& item : json) {
      if (!item.is_string()) fail("labels", "must be a JSON array of strings");
      meta.labels.push_back(item.get<std::string>());
    }
    if (!meta.labels.empty() && static_cast<int64_t>(meta.labels.size()) != meta.config.numClasses) {
      fail("labels",
           std::to_string(meta.labels.size()) + " labels for " + std::to_string(meta.config.numClasses) + " classes");
    }
  }
  if (metadata.count("mean")) meta.mean = parseTriple(metadata, "mean");
  if (metadata.count("std")) {
    meta.stddev = parseTriple(metadata, "std");
    for (float value : meta.stddev) {
      if (!(value > 0.0f)) fail("std", "values must be positive");
    }
  }
  if (metadata.count("crop_pct")) {
    const auto json = parseKey(metadata, "crop_pct");
    if (!json.is_number()) fail("crop_pct", "must be a number");
    meta.cropPct = json.get<double>();
    // Below 0.05 the resize before the crop would blow a normal photo up twentyfold: no real model does that.
    if (!(meta.cropPct >= 0.05 && meta.cropPct <= 1.0)) fail("crop_pct", "must be in [0.05, 1]");
  }
  if (metadata.count("provenance")) {
    const auto json = parseKey(metadata, "provenance");
    if (!json.is_object()) fail("provenance", "must be a JSON object of strings");
    for (const auto& [key, value] : json.items()) {
      if (!value.is_string()) fail("provenance", "value of '" + key + "' must be a string");
      meta.provenance[key] = value.get<std::string>();
    }
  }
  return meta;
}

}  // namespace vitlens
