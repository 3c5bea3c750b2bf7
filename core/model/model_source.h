#pragma once
// One way in for every model people open: a vitlens file, a timm or Hugging Face checkpoint (the .safetensors
// file, its config.json, or the folder holding them), or the built-in model.
#include <c10/core/Device.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>

#include "model/model_file.h"
#include "model/model_load_options.h"

namespace vitlens {

// An empty path loads the built-in model; "hf:ORG/NAME[@REV]" the snapshot in the local Hugging Face cache
// (model/hub_cache.h). Throws SafetensorsError / std::runtime_error with a message that names
// the file and what is wrong; never returns a partly loaded model. LoadedModel::notes says what was assumed.
LoadedModel loadAnyModel(const std::string& path, const c10::Device& device, const ModelLoadOptions& options = {});
// The same from a file's bytes (the built-in model, the fuzzer): a vitlens file or a bare timm state dict (there is
// no config.json beside bytes). sourceName is used in messages.
LoadedModel loadModelBytes(const uint8_t* data, size_t size, const std::string& sourceName, const c10::Device& device,
                           const ModelLoadOptions& options = {});

}  // namespace vitlens
