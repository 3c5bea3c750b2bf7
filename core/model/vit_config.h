#pragma once
// Hyper-parameters of a Vision Transformer, free of LibTorch so that every layer (CLI, GUI) can include it.
#include <cstdint>
#include <string>
#include <vector>

namespace vitlens {

enum class Pooling { Token, Avg };  // classify from the class token, or from the mean of the patch tokens

struct VitConfig {
  int64_t imageHeight = 32;          // input height in pixels
  int64_t imageWidth = 32;           // input width in pixels
  int64_t patchSize = 4;             // square patch side; stride of the patch-embedding convolution
  int64_t channels = 3;              // input channels (RGB)
  int64_t embedDim = 48;             // token width D
  int64_t depth = 4;                 // number of transformer blocks L
  int64_t numHeads = 4;              // attention heads per block
  int64_t mlpDim = 192;              // hidden width of each block's MLP
  bool qkvBias = true;               // bias on the fused q/k/v projection
  int64_t numClasses = 10;           // outputs of the linear head; 0: no head (a feature extractor such as DINO)
  bool classToken = true;            // prepend a learned class token
  bool distillToken = false;         // DeiT's distillation token after the class token, with its own head_dist
  int64_t regTokens = 0;             // register tokens after the class (and distillation) token
  bool noEmbedClass = false;         // pos_embed covers the patches only; prefix tokens get none (timm no_embed_class)
  bool layerScale = false;           // per-channel residual scales ls1.gamma / ls2.gamma (timm init_values)
  Pooling pooling = Pooling::Token;  // Token requires classToken
  double layerNormEps = 1e-6;        // timm's ViT uses 1e-6, Hugging Face's 1e-12

  int64_t gridHeight() const { return imageHeight / patchSize; }
  int64_t gridWidth() const { return imageWidth / patchSize; }
  int64_t numPatches() const { return gridHeight() * gridWidth(); }
  // Tokens before the patches, in this order: class, distillation, registers.
  int64_t numPrefixTokens() const { return (classToken ? 1 : 0) + (distillToken ? 1 : 0) + regTokens; }
  int64_t numTokens() const { return numPatches() + numPrefixTokens(); }
  // Rows of pos_embed: every token, or only the patches with noEmbedClass.
  int64_t posEmbedTokens() const { return noEmbedClass ? numPatches() : numTokens(); }
  bool hasHead() const { return numClasses > 0; }
  int64_t headDim() const { return embedDim / numHeads; }

  // Parameters of a ViT with this config (one final LayerNorm: `norm`, or `fc_norm` with average pooling).
  int64_t parameterCount() const;

  // Throws std::invalid_argument naming the first inconsistent or out-of-range field.
  void validate() const;

  std::string toJson() const;
  // Missing fields keep their defaults; wrong types or invalid values throw std::invalid_argument.
  static VitConfig fromJson(const std::string& json);

  // Named presets: "cifar-seed", "vit-ti16", "vit-s16", "vit-b16", "vit-l16". Throws std::invalid_argument otherwise.
  static VitConfig preset(const std::string& name);
  static std::vector<std::string> presetNames();

  bool operator==(const VitConfig& other) const;
  bool operator!=(const VitConfig& other) const { return !(*this == other); }
};

}  // namespace vitlens
