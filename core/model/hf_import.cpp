// Hugging Face transformers ViT checkpoints: renamed to timm's names (query/key/value fused into qkv), with the
// architecture from config.json checked against the tensors.
#include <ATen/ops/cat.h>

#include <map>
#include <stdexcept>

#include "model/checkpoint_import.h"
#include "model/import_support.h"
#include "util/file_mapping.h"

namespace vitlens {

using namespace import;

namespace {

constexpr const char* kPatchProjection = "embeddings.patch_embeddings.projection.weight";

std::string hfPrefix(const NamedTensors& tensors) {
  if (findTensor(tensors, std::string("vit.") + kPatchProjection)) return "vit.";
  return "";
}

// One layer's query/key/value pieces, fused once all are seen.
struct QkvParts {
  std::map<std::string, at::Tensor> weight;  // "query" | "key" | "value"
  std::map<std::string, at::Tensor> bias;
};

// encoder.layer.N.<rest> -> blocks.N.<timm rest>, or "" when `rest` is not a known piece.
std::string renameLayerPart(const std::string& rest) {
  static const std::map<std::string, std::string> parts = {{"layernorm_before.weight", "norm1.weight"},
                                                           {"layernorm_before.bias", "norm1.bias"},
                                                           {"attention.output.dense.weight", "attn.proj.weight"},
                                                           {"attention.output.dense.bias", "attn.proj.bias"},
                                                           {"layernorm_after.weight", "norm2.weight"},
                                                           {"layernorm_after.bias", "norm2.bias"},
                                                           {"intermediate.dense.weight", "mlp.fc1.weight"},
                                                           {"intermediate.dense.bias", "mlp.fc1.bias"},
                                                           {"output.dense.weight", "mlp.fc2.weight"},
                                                           {"output.dense.bias", "mlp.fc2.bias"}};
  const auto it = parts.find(rest);
  return it == parts.end() ? "" : it->second;
}

}  // namespace

bool looksLikeHuggingFace(const NamedTensors& tensors) {
  return findTensor(tensors, kPatchProjection) != nullptr ||
         findTensor(tensors, std::string("vit.") + kPatchProjection) != nullptr;
}

ImportedCheckpoint importHuggingFace(const NamedTensors& tensors, const std::string& configJson,
                                     const std::optional<std::string>& preprocessorJson, const ImportOptions& options,
                                     const std::string& source) {
  ImportedCheckpoint result;
  const std::string prefix = hfPrefix(tensors);
  std::map<int64_t, QkvParts> qkv;
  static const std::map<std::string, std::string> topLevel = {
      {"embeddings.cls_token", "cls_token"},
      {"embeddings.position_embeddings", "pos_embed"},
      {"embeddings.patch_embeddings.projection.weight", "patch_embed.proj.weight"},
      {"embeddings.patch_embeddings.projection.bias", "patch_embed.proj.bias"},
      {"layernorm.weight", "norm.weight"},
      {"layernorm.bias", "norm.bias"}};
  bool droppedPooler = false;
  for (const auto& [name, tensor] : tensors) {
    if (name == "classifier.weight" || name == "classifier.bias") {
      result.tensors.emplace_back("head." + name.substr(11), tensor);
      continue;
    }
    const bool prefixed = name.rfind(prefix, 0) == 0;
    const std::string inner = prefixed ? name.substr(prefix.size()) : name;
    if (const auto it = topLevel.find(inner); prefixed && it != topLevel.end()) {
      result.tensors.emplace_back(it->second, tensor);
      continue;
    }
    if (prefixed && (inner.rfind("pooler.", 0) == 0 || inner == "embeddings.mask_token")) {
      droppedPooler = droppedPooler || inner.rfind("pooler.", 0) == 0;  // unused for classification and attention
      continue;
    }
    if (prefixed && inner.rfind("encoder.layer.", 0) == 0) {
      const size_t dot = inner.find('.', 14);
      const std::string index = inner.substr(14, dot == std::string::npos ? std::string::npos : dot - 14);
      if (dot != std::string::npos && !index.empty() && index.size() <= 4 &&
          index.find_first_not_of("0123456789") == std::string::npos) {
        const int64_t layer = std::stoll(index);
        const std::string rest = inner.substr(dot + 1);
        const std::string blockName = "blocks." + index + ".";
        if (const std::string renamed = renameLayerPart(rest); !renamed.empty()) {
          result.tensors.emplace_back(blockName + renamed, tensor);
          continue;
        }
        bool matched = false;
        for (const char* piece : {"query", "key", "value"}) {
          const std::string stem = std::string("attention.attention.") + piece + ".";
          if (rest == stem + "weight") qkv[layer].weight[piece] = tensor, matched = true;
          if (rest == stem + "bias") qkv[layer].bias[piece] = tensor, matched = true;
        }
        if (matched) continue;
      }
    }
    result.tensors.emplace_back(name, tensor);  // left as it is: the assembler lists it as unexpected
  }
  for (const auto& [layer, parts] : qkv) {
    const std::string blockName = "blocks." + std::to_string(layer) + ".attn.qkv.";
    if (parts.weight.size() != 3) {
      refuse(source, "layer " + std::to_string(layer) + " lacks one of its query/key/value weights");
    }
    // The three must agree before they are stacked, or LibTorch's "Sizes of tensors must match" names nothing.
    const int64_t layerIndex = layer;  // structured bindings cannot be captured in C++17
    const auto requireSameShapes = [&](const std::map<std::string, at::Tensor>& pieces, const char* what) {
      const at::Tensor& query = pieces.at("query");
      for (const char* piece : {"key", "value"}) {
        if (pieces.at(piece).sizes() != query.sizes()) {
          refuse(source, "layer " + std::to_string(layerIndex) + " attention " + piece + " " + what + " has shape " +
                             shapeText(pieces.at(piece)) + " but its query " + what + " has " + shapeText(query));
        }
      }
    };
    requireSameShapes(parts.weight, "weight");
    if (parts.bias.size() == 3) requireSameShapes(parts.bias, "bias");
    // timm's fused projection stacks q, k, v along the output dimension: (3D, D).
    result.tensors.emplace_back(
        blockName + "weight", at::cat({parts.weight.at("query"), parts.weight.at("key"), parts.weight.at("value")}, 0));
    if (parts.bias.size() == 3) {
      result.tensors.emplace_back(blockName + "bias",
                                  at::cat({parts.bias.at("query"), parts.bias.at("key"), parts.bias.at("value")}, 0));
    } else if (!parts.bias.empty()) {
      refuse(source, "layer " + std::to_string(layer) + " has biases on only some of query/key/value");
    }
    // Copied into the stack: the file's pages of the three are not needed again (model/safetensors.h).
    for (const auto& [piece, weight] : parts.weight) releaseFilePages(weight.data_ptr(), weight.nbytes());
  }
  if (droppedPooler) result.notes.push_back("the pooler (ViTModel's tanh head) is not used and was left out");

  // The architecture, from config.json, checked against the tensors.
  const nlohmann::json json = parseJsonText(configJson, source, "config.json");
  const std::string where = "config.json";
  if (const auto type = optionalString(json, "model_type", source, where); type && *type != "vit") {
    refuse(source, "config.json model_type is '" + *type + "'; vitlens reads Hugging Face 'vit' models");
  }
  if (const auto act = optionalString(json, "hidden_act", source, where); act && *act != "gelu") {
    refuse(source, "config.json hidden_act '" + *act + "' is not supported (vitlens's MLP uses exact GELU, 'gelu')");
  }
  ModelMeta& meta = result.meta;
  VitConfig& config = meta.config;
  const at::Tensor* proj = findTensor(result.tensors, "patch_embed.proj.weight");  // (D, C, P, P)
  if (proj == nullptr || proj->dim() != 4) refuse(source, "no patch embedding projection: not a Hugging Face ViT");
  config.embedDim = proj->size(0);
  config.channels = proj->size(1);
  config.patchSize = proj->size(2);
  requireAgrees(optionalInt(json, "hidden_size", source, where), config.embedDim, "config.json hidden_size",
                "the patch projection", source);
  requireAgrees(optionalInt(json, "num_channels", source, where), config.channels, "config.json num_channels",
                "the patch projection", source);
  requireAgrees(optionalInt(json, "patch_size", source, where), config.patchSize, "config.json patch_size",
                "the patch projection", source);
  config.depth = static_cast<int64_t>(qkv.size());
  if (config.depth == 0) refuse(source, "no encoder layers with query/key/value weights");
  requireAgrees(optionalInt(json, "num_hidden_layers", source, where), config.depth, "config.json num_hidden_layers",
                "the encoder layers in the file", source);
  const at::Tensor* fc1 = findTensor(result.tensors, "blocks.0.mlp.fc1.weight");
  if (fc1 == nullptr || fc1->dim() != 2) refuse(source, "layer 0 has no intermediate.dense.weight");
  config.mlpDim = fc1->size(0);
  requireAgrees(optionalInt(json, "intermediate_size", source, where), config.mlpDim, "config.json intermediate_size",
                "'intermediate.dense.weight'", source);
  config.qkvBias = findTensor(result.tensors, "blocks.0.attn.qkv.bias") != nullptr;
  if (const auto bias = optionalBool(json, "qkv_bias", source, where); bias && *bias != config.qkvBias) {
    refuse(source, std::string("config.json qkv_bias is ") + (*bias ? "true" : "false") + " but the file " +
                       (config.qkvBias ? "has" : "has no") + " query/key/value biases");
  }
  config.numHeads =
      options.heads > 0 ? options.heads : optionalInt(json, "num_attention_heads", source, where).value_or(0);
  if (config.numHeads <= 0) refuse(source, "config.json has no num_attention_heads (pass --heads)");
  config.layerNormEps = optionalNumber(json, "layer_norm_eps", source, where).value_or(1e-12);
  config.classToken = true;
  config.pooling = Pooling::Token;
  const at::Tensor* head = findTensor(result.tensors, "head.weight");
  config.numClasses = head != nullptr && head->dim() == 2 ? head->size(0) : 0;

  const at::Tensor* posEmbed = findTensor(result.tensors, "pos_embed");  // (1, 1 + N, D)
  if (posEmbed == nullptr || posEmbed->dim() != 3) refuse(source, "no position_embeddings of shape (1, N, D)");
  const int64_t patchPositions = posEmbed->size(1) - 1;
  const auto stated = optionalImageSize(json, "image_size", source, where);
  if (stated && (stated->first / config.patchSize) * (stated->second / config.patchSize) == patchPositions) {
    config.imageHeight = stated->first - stated->first % config.patchSize;
    config.imageWidth = stated->second - stated->second % config.patchSize;
  } else {
    const int64_t side = squareSide(patchPositions);
    if (side == 0) refuse(source, "position_embeddings do not form a square grid and image_size does not fit them");
    config.imageHeight = config.imageWidth = side * config.patchSize;
    if (stated) {
      result.requestedHeight = stated->first;
      result.requestedWidth = stated->second;
    }
  }

  // Labels: id2label, unless it is transformers' placeholder LABEL_i or there is no classifier.
  if (const auto it = json.find("id2label"); it != json.end() && it->is_object() && config.numClasses > 0) {
    std::vector<std::string> labels(static_cast<size_t>(config.numClasses));
    std::vector<bool> seen(labels.size(), false);
    bool placeholders = true;
    for (const auto& [key, value] : it->items()) {
      const bool numeric = !key.empty() && key.size() < 9 && key.find_first_not_of("0123456789") == std::string::npos;
      if (!numeric || !value.is_string()) refuse(source, "config.json id2label must map \"0\".. to strings");
      const auto index = static_cast<size_t>(std::stoll(key));
      if (index >= labels.size()) {
        refuse(source, "config.json id2label has label " + key + " but the classifier has " +
                           std::to_string(config.numClasses) + " classes");
      }
      if (seen[index]) {
        refuse(source, "config.json id2label names class " + std::to_string(index) + " twice (key \"" + key +
                           "\" repeats an earlier one)");
      }
      seen[index] = true;
      labels[index] = value.get<std::string>();
      placeholders = placeholders && labels[index] == "LABEL_" + key;
    }
    if (it->size() != labels.size()) {
      refuse(source, "config.json id2label has " + std::to_string(it->size()) + " labels for " +
                         std::to_string(config.numClasses) + " classes");
    }
    if (!placeholders) meta.labels = std::move(labels);
  }

  meta.cropPct = 1.0;  // ViTImageProcessor resizes the whole image; vitlens keeps the aspect and crops the centre
  meta.name = "Hugging Face ViT";
  if (preprocessorJson) {
    const nlohmann::json pre = parseJsonText(*preprocessorJson, source, "preprocessor_config.json");
    if (const auto mean = optionalTriple(pre, "image_mean", source, "preprocessor_config.json", false))
      meta.mean = *mean;
    if (const auto stddev = optionalTriple(pre, "image_std", source, "preprocessor_config.json", true)) {
      meta.stddev = *stddev;
    }
  } else {
    result.notes.push_back("no preprocessor_config.json: using mean/std 0.5, transformers' ViT default");
  }
  meta.provenance["format"] = "huggingface";
  if (const auto name = optionalString(json, "_name_or_path", source, where); name && !name->empty()) {
    meta.name = *name;
    meta.provenance["architecture"] = *name;
  }
  try {
    config.validate();
  } catch (const std::invalid_argument& e) {
    refuse(source, e.what());
  }
  return result;
}

}  // namespace vitlens
