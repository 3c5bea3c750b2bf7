#include "model/model_file.h"

#include <torch/utils.h>

#include <map>
#include <stdexcept>

namespace vitlens {
namespace {

std::string shapeText(c10::IntArrayRef shape) {
  std::string text = "[";
  for (size_t i = 0; i < shape.size(); ++i) text += (i ? ", " : "") + std::to_string(shape[i]);
  return text + "]";
}

// Parameters then buffers, under their timm names: exactly what a model file holds.
std::vector<std::pair<std::string, torch::Tensor>> stateOf(const VisionTransformer& model) {
  std::vector<std::pair<std::string, torch::Tensor>> state;
  for (const auto& item : model->named_parameters()) state.emplace_back(item.key(), item.value());
  for (const auto& item : model->named_buffers()) state.emplace_back(item.key(), item.value());
  return state;
}

}  // namespace

namespace {

// "'a', 'b', 'c' and 2 more": enough names to act on without flooding a dialog.
std::string firstNames(const std::vector<std::string>& names) {
  constexpr size_t kShown = 4;
  std::string text;
  for (size_t i = 0; i < names.size() && i < kShown; ++i) text += (i ? ", '" : "'") + names[i] + "'";
  if (names.size() > kShown) text += " and " + std::to_string(names.size() - kShown) + " more";
  return text;
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

static LoadedModel loadModel(const SafetensorsContent& content, const std::string& path, const c10::Device& device) {
  if (content.metadata.find("config") == content.metadata.end()) {
    throw SafetensorsError(path + ": not a vitlens model file (no config in its metadata)");
  }
  ModelMeta meta;
  try {
    meta = ModelMeta::fromMetadata(content.metadata);
  } catch (const std::invalid_argument& e) {
    throw SafetensorsError(path + ": " + e.what());
  }
  return assembleModel(std::move(meta), content.tensors, path, device);
}

LoadedModel loadModelFile(const std::string& path, const c10::Device& device) {
  return loadModel(readSafetensors(path), path, device);
}

LoadedModel loadModelBytes(const uint8_t* data, size_t size, const std::string& sourceName, const c10::Device& device) {
  return loadModel(parseSafetensors(data, size, sourceName), sourceName, device);
}

void saveModelFile(const std::string& path, VisionTransformer& model, const ModelMeta& meta, StorageDtype dtype) {
  if (meta.config != model->config()) {
    throw std::invalid_argument("saveModelFile(" + path + "): the metadata's config " + meta.config.toJson() +
                                " differs from the model's " + model->config().toJson());
  }
  writeSafetensors(path, stateOf(model), meta.toMetadata(), dtype);
}

}  // namespace vitlens
