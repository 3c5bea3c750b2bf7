#include "model/model_file.h"

#include <torch/utils.h>

#include <set>
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

static LoadedModel loadModel(const SafetensorsContent& content, const std::string& path, const c10::Device& device) {
  if (content.metadata.find("config") == content.metadata.end()) {
    throw SafetensorsError(path + ": not a vitlens model file (no config in its metadata)");
  }
  LoadedModel loaded;
  try {
    loaded.meta = ModelMeta::fromMetadata(content.metadata);
  } catch (const std::invalid_argument& e) {
    throw SafetensorsError(path + ": " + e.what());
  }
  // A config far larger than the weights in the file is corrupt or hostile: refuse it before allocating the model.
  int64_t storedValues = 0;
  for (const auto& item : content.tensors) storedValues += item.second.numel();
  const int64_t expectedValues = loaded.meta.config.parameterCount();
  if (expectedValues > 2 * storedValues + 1'000'000) {
    throw std::runtime_error(path + ": its config describes " + std::to_string(expectedValues) +
                             " parameters but the file holds " + std::to_string(storedValues));
  }
  loaded.model = VisionTransformer(loaded.meta.config, /*initialise=*/false);

  const auto state = stateOf(loaded.model);
  std::set<std::string> expected;
  {
    torch::NoGradGuard noGrad;
    for (const auto& [name, target] : state) {
      expected.insert(name);
      const torch::Tensor* source = content.find(name);
      if (source == nullptr) {
        throw std::runtime_error(path + ": tensor '" + name + "' is missing (the config expects shape " +
                                 shapeText(target.sizes()) + ")");
      }
      if (source->sizes() != target.sizes()) {
        throw std::runtime_error(path + ": tensor '" + name + "' has shape " + shapeText(source->sizes()) +
                                 ", the config expects " + shapeText(target.sizes()));
      }
      torch::Tensor destination = target;  // shares storage with the module's tensor
      destination.copy_(*source);
    }
  }
  for (const auto& [name, tensor] : content.tensors) {
    if (expected.count(name) == 0) {
      throw std::runtime_error(path + ": unexpected tensor '" + name + "' (shape " + shapeText(tensor.sizes()) +
                               ") is not part of a ViT with this config");
    }
  }
  loaded.model->to(device);
  loaded.model->eval();
  return loaded;
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
