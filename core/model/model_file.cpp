#include "model/model_file.h"

#include <torch/utils.h>

#include <ATen/ops/isfinite.h>

#include <array>
#include <cmath>
#include <map>
#include <stdexcept>

#include "model/shape_text.h"
#include "util/file_mapping.h"

namespace vitlens {
namespace {

// Parameters then buffers, under their timm names: exactly what a model file holds.
std::vector<std::pair<std::string, torch::Tensor>> stateOf(const VisionTransformer& model) {
  std::vector<std::pair<std::string, torch::Tensor>> state;
  for (const auto& item : model->named_parameters()) state.emplace_back(item.key(), item.value());
  for (const auto& item : model->named_buffers()) state.emplace_back(item.key(), item.value());
  return state;
}

}  // namespace

namespace {

constexpr float kMaxAbsMean = 1000.0f;  // models normalise 0..1 or 0..255 pixels
constexpr float kMinStd = 1e-3f;
constexpr float kMaxStd = 1000.0f;

// "'a', 'b', 'c' and 2 more": enough names to act on without flooding a dialog.
std::string firstNames(const std::vector<std::string>& names) {
  constexpr size_t kShown = 4;
  std::string text;
  for (size_t i = 0; i < names.size() && i < kShown; ++i) text += (i ? ", '" : "'") + names[i] + "'";
  if (names.size() > kShown) text += " and " + std::to_string(names.size() - kShown) + " more";
  return text;
}

// Normalisation no real model uses: a huge mean or a tiny std turns every pixel into Inf or NaN downstream.
void checkNormalisation(const ModelMeta& meta, const std::string& source) {
  const auto triple = [](const std::array<float, 3>& values) {
    return "[" + std::to_string(values[0]) + ", " + std::to_string(values[1]) + ", " + std::to_string(values[2]) + "]";
  };
  for (const float value : meta.mean) {
    if (!std::isfinite(value) || std::abs(value) > kMaxAbsMean) {
      throw std::runtime_error(source + ": normalisation mean " + triple(meta.mean) +
                               " is not a sensible pixel mean (finite, at most 1000 in magnitude)");
    }
  }
  for (const float value : meta.stddev) {
    if (!std::isfinite(value) || value < kMinStd || value > kMaxStd) {
      throw std::runtime_error(source + ": normalisation std " + triple(meta.stddev) +
                               " is not a sensible pixel spread (from 0.001 to 1000)");
    }
  }
}

// A NaN or Inf weight makes every output NaN, which would pass for a result ("nan %"): refuse the file instead.
void checkFinite(const std::string& name, const at::Tensor& tensor, const std::string& source) {
  if (tensor.numel() == 0 || !tensor.is_floating_point()) return;
  if (!at::isfinite(tensor).all().item<bool>()) {
    const int64_t bad = at::isfinite(tensor).logical_not().sum().item<int64_t>();
    throw std::runtime_error(source + ": tensor '" + name + "' holds " + std::to_string(bad) +
                             " NaN or infinite values of " + std::to_string(tensor.numel()) + "; the file is corrupt");
  }
}

}  // namespace

LoadedModel assembleModel(ModelMeta meta, const std::vector<std::pair<std::string, at::Tensor>>& tensors,
                          const std::string& source, const c10::Device& device) {
  // A config far larger than the weights is corrupt or hostile: refuse it before allocating the model.
  int64_t storedValues = 0;
  for (const auto& item : tensors) storedValues += item.second.numel();
  const int64_t expectedValues = meta.config.parameterCount();
  if (expectedValues > 2 * storedValues + 1'000'000) {
    throw std::runtime_error(source + ": its config describes " + std::to_string(expectedValues) +
                             " parameters but the file holds " + std::to_string(storedValues));
  }
  checkNormalisation(meta, source);
  LoadedModel loaded;
  loaded.meta = std::move(meta);
  loaded.model = VisionTransformer(loaded.meta.config, /*initialise=*/false);

  std::map<std::string, const at::Tensor*> byName;
  for (const auto& [name, tensor] : tensors) byName.emplace(name, &tensor);
  std::vector<std::string> missing;
  std::vector<std::string> misshapen;
  {
    torch::NoGradGuard noGrad;
    for (const auto& [name, target] : stateOf(loaded.model)) {
      const auto found = byName.find(name);
      if (found == byName.end()) {
        missing.push_back(name);
        continue;
      }
      const at::Tensor& tensor = *found->second;
      byName.erase(found);
      if (tensor.sizes() != target.sizes()) {
        misshapen.push_back("'" + name + "' has shape " + shapeText(tensor.sizes()) + ", the config expects " +
                            shapeText(target.sizes()));
        continue;
      }
      torch::Tensor destination = target;  // shares storage with the module's tensor
      destination.copy_(tensor);
      checkFinite(name, destination, source);
      // A view of the mapped file (model/safetensors.h): its pages are no longer needed once copied, so the
      // weights are held once, in the model, not twice.
      releaseFilePages(tensor.data_ptr(), tensor.nbytes());
    }
  }
  std::vector<std::string> unexpected;
  for (const auto& item : tensors) {
    if (byName.count(item.first)) unexpected.push_back(item.first);
  }
  if (!missing.empty() || !misshapen.empty() || !unexpected.empty()) {
    std::string message = source + ": the tensors do not fit a ViT with config " + loaded.meta.config.toJson() + ":";
    if (!misshapen.empty())
      message +=
          " tensor " + misshapen.front() +
          (misshapen.size() > 1 ? " (and " + std::to_string(misshapen.size() - 1) + " more wrong shapes);" : ";");
    if (!missing.empty()) message += " " + std::to_string(missing.size()) + " missing: " + firstNames(missing) + ";";
    if (!unexpected.empty()) {
      message += " " + std::to_string(unexpected.size()) + " unexpected: " + firstNames(unexpected) + ";";
    }
    message.pop_back();
    throw std::runtime_error(message);
  }
  loaded.model->to(device);
  loaded.model->eval();
  return loaded;
}

void saveModelFile(const std::string& path, VisionTransformer& model, const ModelMeta& meta, StorageDtype dtype) {
  if (meta.config != model->config()) {
    throw std::invalid_argument("saveModelFile(" + path + "): the metadata's config " + meta.config.toJson() +
                                " differs from the model's " + model->config().toJson());
  }
  writeSafetensors(path, stateOf(model), meta.toMetadata(), dtype);
}

}  // namespace vitlens
