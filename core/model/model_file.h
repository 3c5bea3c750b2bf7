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

// Loading a file is model_source.h's loadAnyModel (files) or loadModelBytes (memory): one path for every model.

// Builds the model meta.config describes from timm-named float tensors. Every tensor must be there with its shape
// and none left over; otherwise throws std::runtime_error listing the missing, unexpected and mis-shaped names
// (the first few of each). Nothing is returned half-loaded. source names the origin in messages.
LoadedModel assembleModel(ModelMeta meta, const std::vector<std::pair<std::string, at::Tensor>>& tensors,
                          const std::string& source, const c10::Device& device);

void saveModelFile(const std::string& path, VisionTransformer& model, const ModelMeta& meta,
                   StorageDtype dtype = StorageDtype::F32);

}  // namespace vitlens
