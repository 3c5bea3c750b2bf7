#include <unistd.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <fcntl.h>
#include <cstdio>

#include <cctype>
#include <filesystem>
#include <iostream>
#include <stdexcept>
#include <tuple>

#include "commands.h"

#include "hub/hub_download.h"
#include "model/hub_cache.h"

#include <nlohmann/json.hpp>
#include "engine/engine.h"
#include "engine/error_text.h"
#include "imaging/image_decode.h"
#include "util/atomic_file.h"
#include "util/message_text.h"

namespace vitlens::cli {

std::set<std::string> withModelOptions(std::set<std::string> valued) {
  valued.insert({"model", "device", "threads", "heads", "input-size", "labels", "dtype"});
  return valued;
}

ModelLoadOptions modelLoadOptions(const Args& args) {
  ModelLoadOptions options;
  options.heads = args.intValue("heads", 0, 1, 1024);
  if (const auto size = args.value("input-size")) {
    try {
      std::tie(options.inputHeight, options.inputWidth) = parseInputSize(*size);
    } catch (const std::invalid_argument& error) {
      throw UsageError(error.what());
    }
  }
  options.labelsFile = args.valueOr("labels", "");
  try {
    options.dtype = parseComputeDtype(args.valueOr("dtype", "auto"));
  } catch (const std::invalid_argument& error) {
    throw UsageError(error.what());
  }
  return options;
}

DrawStyle parseMapOutputs(const Args& args, const std::optional<std::string>& out,
                          const std::optional<std::string>& npy, bool force) {
  DrawStyle style;
  try {
    if (args.has("colormap")) style.colormap = parseColormap(*args.value("colormap"));
  } catch (const std::invalid_argument& error) {
    throw UsageError(error.what());
  }
  style.opacity = args.doubleValue("alpha", style.opacity, 0.0, 1.0);
  style.colourBar = true;  // these maps' values need their range (occlusion's may be negative)
  if (out) {
    checkImageOutputName(*out);
    checkWritable(*out, force);
  }
  if (npy) checkWritable(*npy, force);
  if (out && npy && sameFile(*npy, *out)) {
    throw UsageError("--npy and --out name the same file (" + *out + "); give two names");
  }
  return style;
}

Interventions parseInterventions(const Args& args) {
  Interventions change;
  try {
    if (const auto heads = args.value("ablate-heads")) change.ablatedHeads = parseHeadList(*heads);
    if (const auto patches = args.value("drop-patches")) change.droppedPatches = parsePatchList(*patches);
  } catch (const std::invalid_argument& error) {
    throw UsageError(error.what());
  }
  return change;
}

Interventions parseInterventions(const Args& args, const Engine& engine) {
  Interventions change = parseInterventions(args);
  try {
    validateInterventions(change, engine.meta().config);
  } catch (const std::invalid_argument& error) {
    throw UsageError(error.what());
  }
  return change;
}

void addInterventions(nlohmann::json& result, const Interventions& change) {
  if (change.empty()) return;
  nlohmann::json ablated = nlohmann::json::array(), dropped = nlohmann::json::array();
  for (const auto& [layer, head] : change.ablatedHeads) ablated.push_back({layer, head});
  for (int patch : change.droppedPatches) dropped.push_back(patch);
  result["ablated"] = ablated;
  result["dropped"] = dropped;
}

std::string resolveModelArgument(const std::string& model) {
  if (!isHubReference(model)) return model;
  HubReference reference;
  try {
    reference = parseHubReference(model);
  } catch (const std::invalid_argument& error) {
    throw UsageError(error.what());
  }
  return ensureHubModel(reference, terminalProgress());
}

std::unique_ptr<Engine> openEngine(const Args& args) {
  const auto model = args.value("model");
  if (!model && !hasBuiltInModel()) {
    throw UsageError(
        "no model given: pass --model PATH (a vitlens, timm or Hugging Face .safetensors file, or its folder); this "
        "build has no built-in model");
  }
  DeviceChoice device = DeviceChoice::Auto;
  try {
    device = parseDeviceChoice(args.valueOr("device", "auto"));
  } catch (const std::invalid_argument& error) {
    throw UsageError(error.what());
  }
  if (device == DeviceChoice::Cuda && !cudaAvailable()) {
    throw UsageError(
        "CUDA was requested but is not available here (no GPU, or LibTorch built without CUDA); use "
        "--device cpu or auto");
  }
  const int threads = args.intValue("threads", 0, 0, 1024);
  auto engine = std::make_unique<Engine>(resolveModelArgument(model.value_or("")), device, modelLoadOptions(args));
  configureThreads(threads, engine->meta().config.embedDim, engine->computeDtype());
  for (const std::string& note : engine->notes()) std::cerr << "vitlens-cli: note: " << displayText(note) << "\n";
  // CUDA out of memory: the engine moved the model to the CPU and redid the work; the threads follow its dtype.
  Engine* opened = engine.get();
  engine->setNoticeHandler([threads, opened](const std::string& message) {
    std::cerr << "vitlens-cli: warning: " << displayText(message) << "\n";
    configureThreads(threads, opened->meta().config.embedDim, opened->computeDtype());
  });
  return engine;
}

cv::Mat decodeQuietly(const std::string& path) {
  std::fflush(stderr);
  const int saved = ::dup(STDERR_FILENO);
  const int devnull = ::open("/dev/null", O_WRONLY);
  if (saved >= 0 && devnull >= 0) ::dup2(devnull, STDERR_FILENO);
  if (devnull >= 0) ::close(devnull);
  struct Restore {
    int fd;
    ~Restore() {
      if (fd < 0) return;
      std::fflush(stderr);
      ::dup2(fd, STDERR_FILENO);
      ::close(fd);
    }
  } restore{saved};
  return decodeImageFile(path);
}

void reportError(const std::string& message) { std::cerr << "vitlens-cli: " << displayText(message) << "\n"; }

std::string errorText(const std::exception& error) { return errorMessage(error); }

namespace {

std::string lowerExtension(const std::string& path) {
  std::string extension = std::filesystem::path(path).extension().string();
  for (char& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return extension;
}

}  // namespace

void checkImageOutputName(const std::string& path, const std::string& option) {
  const std::string extension = lowerExtension(path);
  if (extension != ".png" && extension != ".jpg" && extension != ".jpeg") {
    throw UsageError(option + " " + path + ": the name must end in .png or .jpg (the format is taken from it)");
  }
}

std::vector<uint8_t> encodeImage(const std::string& path, const cv::Mat& rgb) {
  cv::Mat bgr;
  cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
  const bool jpeg = lowerExtension(path) == ".jpg" || lowerExtension(path) == ".jpeg";
  std::vector<uint8_t> bytes;
  const std::vector<int> parameters = jpeg ? std::vector<int>{cv::IMWRITE_JPEG_QUALITY, 95} : std::vector<int>{};
  if (!cv::imencode(jpeg ? ".jpg" : ".png", bgr, bytes, parameters)) {
    throw std::runtime_error(path + ": " + (jpeg ? "JPEG" : "PNG") + " encoding failed");
  }
  return bytes;
}

void writeImage(const std::string& path, const cv::Mat& rgb) { writeFileAtomically(path, encodeImage(path, rgb)); }

bool sameFile(const std::string& a, const std::string& b) {
  namespace fs = std::filesystem;
  std::error_code error;
  if (fs::equivalent(a, b, error) && !error) return true;
  const fs::path left = fs::weakly_canonical(fs::absolute(a, error), error);
  const fs::path right = fs::weakly_canonical(fs::absolute(b, error), error);
  return left == right;
}

}  // namespace vitlens::cli
