#include "model/vit_config.h"

#include <nlohmann/json.hpp>

#include <stdexcept>
#include <type_traits>

namespace vitlens {
namespace {

void requirePositive(int64_t value, const char* field) {
  if (value <= 0) {
    throw std::invalid_argument(std::string("VitConfig: ") + field + " must be positive (got " + std::to_string(value) +
                                ")");
  }
}

const char* poolingName(Pooling pooling) { return pooling == Pooling::Token ? "token" : "avg"; }

// Reads json[key] into out when present; a wrong type throws std::invalid_argument naming the key.
template <typename T>
void readField(const nlohmann::json& json, const char* key, T& out) {
  const auto it = json.find(key);
  if (it == json.end()) return;
  bool ok = false;
  if constexpr (std::is_same_v<T, bool>) {
    ok = it->is_boolean();
  } else if constexpr (std::is_integral_v<T>) {
    ok = it->is_number_integer();
  } else {
    ok = it->is_number();
  }
  if (!ok) throw std::invalid_argument(std::string("VitConfig JSON: '") + key + "' has the wrong type");
  out = it->get<T>();
}

void requireAtMost(int64_t value, int64_t limit, const char* field) {
  if (value > limit) {
    throw std::invalid_argument(std::string("VitConfig: ") + field + " is " + std::to_string(value) +
                                ", above the supported " + std::to_string(limit));
  }
}

}  // namespace

int64_t VitConfig::parameterCount() const {
  const int64_t patchEmbed = embedDim * channels * patchSize * patchSize + embedDim;
  const int64_t norm = 2 * embedDim;
  const int64_t attention = embedDim * 3 * embedDim + (qkvBias ? 3 * embedDim : 0) + embedDim * embedDim + embedDim;
  const int64_t mlp = embedDim * mlpDim + mlpDim + mlpDim * embedDim + embedDim;
  const int64_t block = 2 * norm + attention + mlp;
  const int64_t layerScales = layerScale ? 2 * embedDim : 0;
  const int64_t heads = (distillToken ? 2 : 1) * (embedDim * numClasses + numClasses);
  return patchEmbed + numPrefixTokens() * embedDim + posEmbedTokens() * embedDim + depth * (block + layerScales) +
         norm + heads;
}

void VitConfig::validate() const {
  requirePositive(imageHeight, "image_height");
  requirePositive(imageWidth, "image_width");
  requirePositive(patchSize, "patch_size");
  requirePositive(channels, "channels");
  requirePositive(embedDim, "embed_dim");
  requirePositive(depth, "depth");
  requirePositive(numHeads, "num_heads");
  requirePositive(mlpDim, "mlp_dim");
  if (numClasses < 0) throw std::invalid_argument("VitConfig: num_classes must not be negative");
  if (regTokens < 0) throw std::invalid_argument("VitConfig: reg_tokens must not be negative");
  if (imageHeight % patchSize != 0) {
    throw std::invalid_argument("VitConfig: image_height (" + std::to_string(imageHeight) +
                                ") must be divisible by patch_size (" + std::to_string(patchSize) + ")");
  }
  if (imageWidth % patchSize != 0) {
    throw std::invalid_argument("VitConfig: image_width (" + std::to_string(imageWidth) +
                                ") must be divisible by patch_size (" + std::to_string(patchSize) + ")");
  }
  // Upper bounds keep every size product far from int64 overflow and refuse configs no ViT has (ViT-H: 1280 wide,
  // 32 deep), before a file's config can make the loader allocate a huge model.
  requireAtMost(imageHeight, 8192, "image_height");
  requireAtMost(imageWidth, 8192, "image_width");
  requireAtMost(channels, 16, "channels");
  requireAtMost(embedDim, 16384, "embed_dim");
  requireAtMost(depth, 256, "depth");
  requireAtMost(numHeads, 1024, "num_heads");
  requireAtMost(mlpDim, 65536, "mlp_dim");
  requireAtMost(numClasses, 1000000, "num_classes");
  requireAtMost(regTokens, 256, "reg_tokens");
  requireAtMost(numPatches(), 65536, "number of patches");
  if (embedDim % numHeads != 0) {
    throw std::invalid_argument("VitConfig: embed_dim (" + std::to_string(embedDim) +
                                ") must be divisible by num_heads (" + std::to_string(numHeads) + ")");
  }
  if (pooling == Pooling::Token && !classToken) {
    throw std::invalid_argument("VitConfig: pooling 'token' requires class_token");
  }
  if (distillToken && (!classToken || pooling != Pooling::Token)) {
    throw std::invalid_argument("VitConfig: distill_token requires class_token and pooling 'token'");
  }
  if (!(layerNormEps > 0.0)) {
    throw std::invalid_argument("VitConfig: layer_norm_eps must be positive");
  }
}

std::string VitConfig::toJson() const {
  nlohmann::json json = {
      {"image_height", imageHeight},   {"image_width", imageWidth}, {"patch_size", patchSize},
      {"channels", channels},          {"embed_dim", embedDim},     {"depth", depth},
      {"num_heads", numHeads},         {"mlp_dim", mlpDim},         {"qkv_bias", qkvBias},
      {"num_classes", numClasses},     {"class_token", classToken}, {"pooling", poolingName(pooling)},
      {"layer_norm_eps", layerNormEps}};
  // Written only when set, so that files of plain ViTs keep the config text they always had.
  if (distillToken) json["distill_token"] = true;
  if (regTokens != 0) json["reg_tokens"] = regTokens;
  if (noEmbedClass) json["no_embed_class"] = true;
  if (layerScale) json["layer_scale"] = true;
  return json.dump();
}

VitConfig VitConfig::fromJson(const std::string& text) {
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    throw std::invalid_argument(std::string("VitConfig JSON: ") + e.what());
  }
  if (!json.is_object()) throw std::invalid_argument("VitConfig JSON: not an object");
  VitConfig config;
  readField(json, "image_height", config.imageHeight);
  readField(json, "image_width", config.imageWidth);
  readField(json, "patch_size", config.patchSize);
  readField(json, "channels", config.channels);
  readField(json, "embed_dim", config.embedDim);
  readField(json, "depth", config.depth);
  readField(json, "num_heads", config.numHeads);
  readField(json, "mlp_dim", config.mlpDim);
  readField(json, "qkv_bias", config.qkvBias);
  readField(json, "num_classes", config.numClasses);
  readField(json, "class_token", config.classToken);
  readField(json, "layer_norm_eps", config.layerNormEps);
  readField(json, "distill_token", config.distillToken);
  readField(json, "reg_tokens", config.regTokens);
  readField(json, "no_embed_class", config.noEmbedClass);
  readField(json, "layer_scale", config.layerScale);
  if (const auto it = json.find("pooling"); it != json.end()) {
    if (!it->is_string()) throw std::invalid_argument("VitConfig JSON: 'pooling' has the wrong type");
    const auto name = it->get<std::string>();
    if (name == "token") {
      config.pooling = Pooling::Token;
    } else if (name == "avg") {
      config.pooling = Pooling::Avg;
    } else {
      throw std::invalid_argument("VitConfig JSON: 'pooling' must be \"token\" or \"avg\" (got \"" + name + "\")");
    }
  }
  config.validate();
  return config;
}

VitConfig VitConfig::preset(const std::string& name) {
  VitConfig config;  // the defaults are cifar-seed
  if (name == "cifar-seed") return config;
  config.imageHeight = 224;
  config.imageWidth = 224;
  config.patchSize = 16;
  config.depth = 12;
  config.numClasses = 1000;
  if (name == "vit-ti16") {
    config.embedDim = 192;
    config.numHeads = 3;
  } else if (name == "vit-s16") {
    config.embedDim = 384;
    config.numHeads = 6;
  } else if (name == "vit-b16") {
    config.embedDim = 768;
    config.numHeads = 12;
  } else if (name == "vit-l16") {
    config.embedDim = 1024;
    config.depth = 24;
    config.numHeads = 16;
  } else {
    throw std::invalid_argument("unknown ViT preset '" + name +
                                "' (known: cifar-seed, vit-ti16, vit-s16, vit-b16, vit-l16)");
  }
  config.mlpDim = 4 * config.embedDim;
  return config;
}

std::vector<std::string> VitConfig::presetNames() {
  return {"cifar-seed", "vit-ti16", "vit-s16", "vit-b16", "vit-l16"};
}

bool VitConfig::operator==(const VitConfig& other) const {
  return imageHeight == other.imageHeight && imageWidth == other.imageWidth && patchSize == other.patchSize &&
         channels == other.channels && embedDim == other.embedDim && depth == other.depth &&
         numHeads == other.numHeads && mlpDim == other.mlpDim && qkvBias == other.qkvBias &&
         numClasses == other.numClasses && classToken == other.classToken && distillToken == other.distillToken &&
         regTokens == other.regTokens && noEmbedClass == other.noEmbedClass && layerScale == other.layerScale &&
         pooling == other.pooling && layerNormEps == other.layerNormEps;
}

}  // namespace vitlens
