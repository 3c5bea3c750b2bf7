#pragma once
// One way in for every model people open: a vitlens file, a timm or Hugging Face checkpoint (the .safetensors
// file, its config.json, or the folder holding them), or the built-in model.
#include <c10/core/Device.h>

#include <cstdint>
#include <string>
#include <utility>

#include "model/model_file.h"
#include "model/model_load_options.h"

namespace vitlens {

// An empty path loads the built-in model. Throws SafetensorsError / std::runtime_error with a message that names
// the file and what is wrong; never returns a partly loaded model. LoadedModel::notes says what was assumed.
LoadedModel loadAnyModel(const std::string& path, const c10::Device& device, const ModelLoadOptions& options = {});

}  // namespace vitlens
