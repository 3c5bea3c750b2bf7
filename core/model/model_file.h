#pragma once
// vitlens model files: one safetensors file holding timm-named weights plus ModelMeta in __metadata__.
#include <c10/core/Device.h>

#include <string>
#include <vector>

#include "model/model_meta.h"
#include "model/safetensors.h"
#include "model/vision_transformer.h"

namespace vitlens {

struct LoadedModel {
  VisionTransformer model{nullptr};  // in eval mode, on the requested device
  ModelMeta meta;
  std::vector<std::string> notes;  // what loading assumed or changed (heads guessed, input size, labels), for the user
};

// Throws SafetensorsError (structure) or std::runtime_error (names/shapes do not match the config); every
// message names the file and, where it applies, the tensor.
LoadedModel loadModelFile(const std::string& path, const c10::Device& device);
// The same from a model file's bytes (the built-in model); sourceName is used in messages.
LoadedModel loadModelBytes(const uint8_t* data, size_t size, const std::string& sourceName, const c10::Device& device);

// Builds the model meta.config describes from timm-named float tensors. Every tensor must be there with its shape
// and none left over; otherwise throws std::runtime_error listing the missing, unexpected and mis-shaped names
// (the first few of each). Nothing is returned half-loaded. source names the origin in messages.
LoadedModel assembleModel(ModelMeta meta, const std::vector<std::pair<std::string, at::Tensor>>& tensors,
                          const std::string& source, const c10::Device& device);

void saveModelFile(const std::string& path, VisionTransformer& model, const ModelMeta& meta,
                   StorageDtype dtype = StorageDtype::F32);

}  // namespace vitlens
