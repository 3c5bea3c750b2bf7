// timm checkpoints: the tensors decide the architecture; config.json fills in what they cannot say (heads, input
// size, normalisation, labels) and is refused where it disagrees with them.
#include <map>
#include <stdexcept>

#include "model/checkpoint_import.h"
#include "model/import_support.h"

namespace vitlens {

using namespace import;

int64_t timmHeadsForArchitecture(const std::string& architecture) {
  const std::string base = architecture.substr(0, architecture.find('.'));  // drop the pretrained tag
  // Exact names first: the DINOv2 giant differs from timm's other giants.
  static const std::map<std::string, int64_t> exact = {{"vit_giant_patch14_dinov2", 24},
                                                       {"vit_giant_patch14_reg4_dinov2", 24}};
  if (const auto it = exact.find(base); it != exact.end()) return it->second;
  static const std::pair<const char*, int64_t> prefixes[] = {
      {"vit_tiny_", 3},     {"vit_small_", 6},  {"vit_medium_", 8},  {"vit_mediumd_", 8},   {"vit_base_", 12},
      {"vit_large_", 16},   {"vit_huge_", 16},  {"vit_giant_", 16},  {"vit_gigantic_", 16}, {"deit_tiny_", 3},
      {"deit_small_", 6},   {"deit_base_", 12}, {"deit3_small_", 6}, {"deit3_medium_", 8},  {"deit3_base_", 12},
      {"deit3_large_", 16}, {"deit3_huge_", 16}};
  for (const auto& [prefix, heads] : prefixes) {
    if (base.rfind(prefix, 0) == 0) return heads;
  }
  return 0;
}

namespace {

int64_t countBlocks(const NamedTensors& tensors) {
  int64_t depth = 0;
  for (const auto& item : tensors) {
    const std::string& name = item.first;
    if (name.rfind("blocks.", 0) != 0) continue;
    const size_t end = name.find('.', 7);
    const std::string index = name.substr(7, end == std::string::npos ? std::string::npos : end - 7);
    if (index.empty() || index.size() > 4 || index.find_first_not_of("0123456789") != std::string::npos) continue;
    depth = std::max<int64_t>(depth, std::stoll(index) + 1);
  }
  return depth;
}

const at::Tensor& requireTensor(const NamedTensors& tensors, const std::string& name, int64_t dims,
                                const std::string& source) {
  const at::Tensor* tensor = findTensor(tensors, name);
  if (tensor == nullptr) refuse(source, "tensor '" + name + "' is missing: not a timm ViT state dict");
  if (tensor->dim() != dims) {
    refuse(source, "tensor '" + name + "' has shape " + shapeText(*tensor) + ", expected " + std::to_string(dims) +
                       " dimensions");
  }
  return *tensor;
}

}  // namespace

ImportedCheckpoint importTimm(NamedTensors tensors, const std::optional<std::string>& configJson,
                              const ImportOptions& options, const std::string& source) {
  ImportedCheckpoint result;
  ModelMeta& meta = result.meta;
  VitConfig& config = meta.config;
  const auto has = [&](const std::string& name) { return findTensor(tensors, name) != nullptr; };

  // What the tensors prove.
  const at::Tensor& proj = requireTensor(tensors, "patch_embed.proj.weight", 4, source);  // (D, C, P, P)
  if (proj.size(2) != proj.size(3)) refuse(source, "non-square patches " + shapeText(proj) + " are not supported");
  config.embedDim = proj.size(0);
  config.channels = proj.size(1);
  config.patchSize = proj.size(2);
  config.depth = countBlocks(tensors);
  if (config.depth == 0) refuse(source, "no 'blocks.N.' tensors: not a timm ViT state dict");
  config.mlpDim = requireTensor(tensors, "blocks.0.mlp.fc1.weight", 2, source).size(0);
  config.qkvBias = has("blocks.0.attn.qkv.bias");
  config.classToken = has("cls_token");
  config.distillToken = has("dist_token");
  if (const at::Tensor* reg = findTensor(tensors, "reg_token")) config.regTokens = reg->dim() == 3 ? reg->size(1) : 0;
  config.layerScale = has("blocks.0.ls1.gamma");
  config.numClasses = has("head.weight") ? requireTensor(tensors, "head.weight", 2, source).size(0) : 0;
  if (has("fc_norm.weight")) {
    config.pooling = Pooling::Avg;
  } else if (!config.classToken) {
    refuse(source,
           "no class token and no 'fc_norm': average pooling after the final norm (fc_norm=False) is not "
           "supported");
  }
  const at::Tensor& posEmbed = requireTensor(tensors, "pos_embed", 3, source);  // (1, T, D)
  const int64_t positions = posEmbed.size(1);
  const int64_t prefix = config.numPrefixTokens();

  // What config.json says.
  nlohmann::json json = nlohmann::json::object();
  if (configJson) json = parseJsonText(*configJson, source, "config.json");
  const nlohmann::json modelArgs = json.value("model_args", nlohmann::json::object());
  const nlohmann::json pretrained = json.value("pretrained_cfg", nlohmann::json::object());
  const std::string architecture = optionalString(json, "architecture", source, "config.json").value_or("");
  meta.name = architecture.empty() ? "timm ViT" : architecture;

  requireAgrees(optionalInt(json, "num_classes", source, "config.json"), config.numClasses, "config.json num_classes",
                "the head ('head.weight' rows)", source);
  requireAgrees(optionalInt(modelArgs, "embed_dim", source, "model_args"), config.embedDim,
                "config.json model_args.embed_dim", "'patch_embed.proj.weight'", source);
  requireAgrees(optionalInt(modelArgs, "depth", source, "model_args"), config.depth, "config.json model_args.depth",
                "the number of blocks", source);
  requireAgrees(optionalInt(modelArgs, "patch_size", source, "model_args"), config.patchSize,
                "config.json model_args.patch_size", "'patch_embed.proj.weight'", source);
  requireAgrees(optionalInt(modelArgs, "reg_tokens", source, "model_args"), config.regTokens,
                "config.json model_args.reg_tokens", "'reg_token'", source);
  if (const auto classToken = optionalBool(modelArgs, "class_token", source, "model_args");
      classToken && *classToken != config.classToken) {
    refuse(source, std::string("config.json model_args.class_token is ") + (*classToken ? "true" : "false") +
                       " but the file " + (config.classToken ? "has" : "has no") + " 'cls_token'");
  }
  for (const nlohmann::json* holder : std::initializer_list<const nlohmann::json*>{&json, &modelArgs}) {
    const auto pool = optionalString(*holder, "global_pool", source, "config.json");
    if (!pool || pool->empty()) continue;
    if (*pool != "token" && *pool != "avg") {
      refuse(source, "config.json global_pool '" + *pool + "' is not supported (vitlens reads 'token' and 'avg')");
    }
    if ((*pool == "avg") != (config.pooling == Pooling::Avg)) {
      refuse(source, "config.json global_pool is '" + *pool + "' but the file " +
                         (config.pooling == Pooling::Avg ? "has" : "has no") + " 'fc_norm' (average pooling)");
    }
  }

  // Heads: stated, else named, else guessed.
  int64_t heads = options.heads;
  std::string headsFrom = "--heads";
  if (heads <= 0) {
    heads = optionalInt(modelArgs, "num_heads", source, "model_args").value_or(0);
    headsFrom = "config.json";
  }
  if (heads <= 0) {
    heads = timmHeadsForArchitecture(architecture);
    headsFrom = "the architecture name";
  }
  // A stated head count that does not divide the width is an error, never silently replaced.
  if (heads > 0 && config.embedDim % heads != 0) {
    refuse(source, std::to_string(heads) + " heads (from " + headsFrom + ") do not divide the width " +
                       std::to_string(config.embedDim) + " of the patch embedding; pass --heads with a divisor of it");
  }
  if (heads <= 0) {
    heads = std::max<int64_t>(1, config.embedDim / 64);
    headsFrom = "a guess of width / 64 (pass --heads when that is wrong)";
    if (config.embedDim % heads != 0) {
      refuse(source, "the number of heads is not stated and width " + std::to_string(config.embedDim) +
                         " / 64 does not divide it; pass --heads");
    }
  }
  config.numHeads = heads;
  if (headsFrom != "config.json") result.notes.push_back(std::to_string(heads) + " heads, from " + headsFrom);

  // Trained grid: whether pos_embed includes the prefix tokens, and its side.
  const auto statedSize = optionalImageSize(pretrained, "input_size", source, "pretrained_cfg")
                              ? optionalImageSize(pretrained, "input_size", source, "pretrained_cfg")
                              : optionalImageSize(modelArgs, "img_size", source, "model_args");
  const auto noEmbedClass = optionalBool(modelArgs, "no_embed_class", source, "model_args");
  if (noEmbedClass) {
    config.noEmbedClass = *noEmbedClass && prefix > 0;
  } else if (statedSize) {
    const int64_t statedPatches = (statedSize->first / config.patchSize) * (statedSize->second / config.patchSize);
    config.noEmbedClass = prefix > 0 && positions == statedPatches;
  } else {
    config.noEmbedClass = prefix > 0 && squareSide(positions - prefix) == 0 && squareSide(positions) > 0;
  }
  const int64_t patchPositions = positions - (config.noEmbedClass ? 0 : prefix);
  if (patchPositions <= 0) refuse(source, "'pos_embed' " + shapeText(posEmbed) + " has no rows for the patches");
  if (statedSize &&
      (statedSize->first / config.patchSize) * (statedSize->second / config.patchSize) == patchPositions) {
    config.imageHeight = statedSize->first - statedSize->first % config.patchSize;
    config.imageWidth = statedSize->second - statedSize->second % config.patchSize;
  } else {
    const int64_t side = squareSide(patchPositions);
    if (side == 0) {
      refuse(source, "'pos_embed' holds " + std::to_string(patchPositions) +
                         " patch positions, not a square grid, and no config.json input_size says the shape");
    }
    config.imageHeight = config.imageWidth = side * config.patchSize;
    if (statedSize) {
      result.requestedHeight = statedSize->first;
      result.requestedWidth = statedSize->second;
    } else {
      result.notes.push_back("input " + std::to_string(config.imageHeight) + "x" + std::to_string(config.imageWidth) +
                             ", from the " + std::to_string(side) + "x" + std::to_string(side) +
                             " grid of 'pos_embed'");
    }
  }

  // Preprocessing and labels.
  meta.cropPct = 0.875;  // timm's DEFAULT_CROP_PCT
  if (const auto crop = optionalNumber(pretrained, "crop_pct", source, "pretrained_cfg")) {
    if (!(*crop >= 0.05 && *crop <= 1.0)) refuse(source, "pretrained_cfg crop_pct must be in [0.05, 1]");
    meta.cropPct = *crop;
  }
  const auto mean = optionalTriple(pretrained, "mean", source, "pretrained_cfg", false);
  const auto stddev = optionalTriple(pretrained, "std", source, "pretrained_cfg", true);
  if (mean) meta.mean = *mean;
  if (stddev) meta.stddev = *stddev;
  if (!mean || !stddev) result.notes.push_back("no mean/std in config.json: using 0.5 per channel");
  for (const nlohmann::json* holder : std::initializer_list<const nlohmann::json*>{&json, &pretrained}) {
    const auto it = holder->find("label_names");
    if (it == holder->end() || it->is_null()) continue;
    if (!it->is_array()) refuse(source, "config.json label_names must be an array of strings");
    std::vector<std::string> labels;
    for (const auto& label : *it) {
      if (!label.is_string()) refuse(source, "config.json label_names must be an array of strings");
      labels.push_back(label.get<std::string>());
    }
    if (static_cast<int64_t>(labels.size()) != config.numClasses) {
      refuse(source, "config.json label_names has " + std::to_string(labels.size()) + " names for " +
                         std::to_string(config.numClasses) + " classes");
    }
    meta.labels = std::move(labels);
    break;
  }
  if (!configJson) result.notes.push_back("no config.json beside the weights: architecture read from the tensors");

  meta.provenance["format"] = "timm";
  if (!architecture.empty()) meta.provenance["architecture"] = architecture;
  if (const auto tag = optionalString(pretrained, "tag", source, "pretrained_cfg")) meta.provenance["tag"] = *tag;
  try {
    config.validate();
  } catch (const std::invalid_argument& e) {
    refuse(source, e.what());
  }
  result.tensors = std::move(tensors);
  return result;
}

}  // namespace vitlens
