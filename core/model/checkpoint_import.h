#pragma once
// Reading the ViT checkpoints people publish (timm and Hugging Face transformers safetensors) into vitlens's own
// form: a ModelMeta whose config the tensors prove, and the tensors under timm's names.
#include <ATen/core/Tensor.h>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/model_meta.h"

namespace vitlens {

using NamedTensors = std::vector<std::pair<std::string, at::Tensor>>;

struct ImportOptions {
  int64_t heads = 0;  // > 0 overrides what config.json or the architecture name says
};

struct ImportedCheckpoint {
  ModelMeta meta;                  // config at the trained input size; labels, mean/std, crop; provenance["format"]
  NamedTensors tensors;            // timm names, float32
  std::vector<std::string> notes;  // what was assumed or ignored, for the user to read
  // The input size the config asks for when it differs from the grid pos_embed was trained on (0: none); the
  // loader then interpolates the position embeddings.
  int64_t requestedHeight = 0;
  int64_t requestedWidth = 0;
};

// A timm state dict (`patch_embed.proj.weight`, `blocks.N.attn.qkv.weight`, ...). configJson: the text of timm's
// config.json (architecture, num_classes, global_pool, model_args, pretrained_cfg), or nullopt for a bare file:
// then the tensors say what they can and heads come from the architecture-name table, options.heads, or dim / 64.
// Throws std::runtime_error naming `source` and the disagreeing field or tensor.
ImportedCheckpoint importTimm(NamedTensors tensors, const std::optional<std::string>& configJson,
                              const ImportOptions& options, const std::string& source);

// A Hugging Face ViTForImageClassification / ViTModel state dict (`vit.embeddings...`, `vit.encoder.layer.N...`, or
// the same without `vit.`) with the text of its config.json and, when present, preprocessor_config.json.
ImportedCheckpoint importHuggingFace(const NamedTensors& tensors, const std::string& configJson,
                                     const std::optional<std::string>& preprocessorJson, const ImportOptions& options,
                                     const std::string& source);

// True when the names are Hugging Face's (`embeddings.patch_embeddings...`, with or without the `vit.` prefix).
bool looksLikeHuggingFace(const NamedTensors& tensors);
// Heads of a timm architecture by its name ("vit_base_patch16_224.augreg_in21k" -> 12); 0 when unknown.
int64_t timmHeadsForArchitecture(const std::string& architecture);

}  // namespace vitlens
