// vitlens-cli train: an image folder in, a trained vitlens model file out (see README, "Training").
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <numeric>

#include "commands.h"
#include "model/memory_estimate.h"
#include "model/runtime.h"
#include "training/trainer.h"

namespace vitlens::cli {
namespace {

std::atomic<bool> stopRequested{false};

// The first Ctrl-C asks the loop to stop after the current batch; a second one kills as usual.
void onInterrupt(int) {
  stopRequested = true;
  std::signal(SIGINT, SIG_DFL);
}

VitConfig architecture(const Args& args, int64_t classes) {
  VitConfig config;
  try {
    config = VitConfig::preset(args.valueOr("preset", "cifar-seed"));
  } catch (const std::invalid_argument& error) {
    throw UsageError(error.what());
  }
  if (args.has("image")) config.imageHeight = config.imageWidth = args.intValue("image", 32, 8, 4096);
  config.patchSize = args.intValue("patch", static_cast<int>(config.patchSize), 1, 1024);
  config.embedDim = args.intValue("dim", static_cast<int>(config.embedDim), 1, 65536);
  config.depth = args.intValue("depth", static_cast<int>(config.depth), 1, 1024);
  config.numHeads = args.intValue("heads", static_cast<int>(config.numHeads), 1, 1024);
  config.mlpDim = args.intValue("mlp", static_cast<int>(config.mlpDim), 1, 1 << 20);
  config.numClasses = classes;
  try {
    config.validate();
  } catch (const std::invalid_argument& error) {
    throw UsageError(std::string("architecture: ") + error.what());
  }
  return config;
}

nlohmann::json recipeJson(const Args& args, const TrainOptions& options, int64_t holdout, double imbalance,
                          const std::string& valDescription) {
  return {{"preset", args.valueOr("preset", "cifar-seed")},
          {"config", nlohmann::json::parse(options.config.toJson())},
          {"epochs", options.epochs},
          {"batch", options.batch},
          {"lr", options.lr},
          {"min_lr", options.minLr},
          {"weight_decay", options.weightDecay},
          {"warmup", options.warmupEpochs},
          {"label_smoothing", options.labelSmoothing},
          {"clip", options.gradClip},
          {"crop_pad", options.augment.cropPad},
          {"flip", options.augment.flip},
          {"class_weighted", options.classWeighted},
          {"ohem", options.ohemFraction},
          {"imbalance", imbalance},
          {"holdout", args.has("val") ? 0 : holdout},
          {"val", valDescription},
          {"seed", options.seed},
          {"optimizer", "AdamW"}};
}

void printProgress(const BatchProgress& p) {
  const auto eta = static_cast<int64_t>(p.etaSeconds);
  std::fprintf(stderr, "\r\033[Kepoch %d/%d  batch %lld/%lld  loss %.4f  acc %.4f  %.0f img/s  ETA %lld:%02lld",
               p.epoch, p.epochs, static_cast<long long>(p.batch), static_cast<long long>(p.batches), p.loss, p.acc,
               p.imagesPerSecond, static_cast<long long>(eta / 60), static_cast<long long>(eta % 60));
  std::fflush(stderr);
}

}  // namespace

int runTrain(const std::vector<std::string>& arguments) {
  const Args args(
      arguments, {"no-flip", "class-weighted", "resume", "force"},
      {"data",  "val",  "out",     "holdout",     "preset",   "image",  "patch",        "dim",    "depth",
       "heads", "mlp",  "epochs",  "batch",       "lr",       "min-lr", "weight-decay", "warmup", "label-smoothing",
       "clip",  "seed", "threads", "thread-pool", "crop-pad", "ohem",   "imbalance"});
  if (!args.positionals().empty()) throw UsageError("train takes no positional arguments");
  const auto dataDir = args.value("data");
  const auto out = args.value("out");
  if (!dataDir || !out) throw UsageError("train needs --data DIR (holding train/<class>/*) and --out FILE");
  const bool resume = args.has("resume");
  // Resuming replaces the three files it wrote before; they must still be regular files (a FIFO or device there
  // is refused now, not after the first epoch).
  for (const std::string& output : {*out, checkpointPath(*out), metricsPath(*out)}) {
    checkWritable(output, resume || args.has("force"));
  }

  TrainOptions options;
  options.epochs = args.intValue("epochs", 100, 1, 100000);
  options.batch = args.intValue("batch", 256, 1, 65536);
  options.lr = args.doubleValue("lr", 1e-3, 0.0, 10.0);
  options.minLr = args.doubleValue("min-lr", 0.0, 0.0, 10.0);
  options.weightDecay = args.doubleValue("weight-decay", 0.05, 0.0, 10.0);
  options.warmupEpochs = args.doubleValue("warmup", 5.0, 0.0, 100000.0);
  options.labelSmoothing = args.doubleValue("label-smoothing", 0.1, 0.0, 0.99);
  options.gradClip = args.doubleValue("clip", 1.0, 0.0, 1e6);
  options.seed = static_cast<uint64_t>(args.intValue("seed", 0, 0, 2147483647));
  options.augment.cropPad = args.intValue("crop-pad", 4, 0, 1024);
  options.augment.flip = !args.has("no-flip");
  options.classWeighted = args.has("class-weighted");
  options.ohemFraction = args.doubleValue("ohem", 1.0, 1e-6, 1.0);
  const double imbalance = args.doubleValue("imbalance", 1.0, 1.0, 1e6);
  const int64_t holdout = args.intValue("holdout", 5000, 0, 1 << 30);
  // OpenBLAS's pool is the default: on the 2-core reference machine, with a build running beside it, cifar-seed
  // trained at 335-385 images/s with OpenBLAS 2 + LibTorch 1 against 140-145 with LibTorch 2 + OpenBLAS 1 (the
  // OpenMP pool's spinning suffers most when the cores are shared).
  const std::string pool = args.valueOr("thread-pool", "blas");
  if (pool != "torch" && pool != "blas") throw UsageError("--thread-pool must be torch or blas");
  const int threads = args.intValue("threads", 0, 0, 1024);
  const std::string threadText =
      configureThreadPool(threads, pool == "torch" ? ThreadPool::LibTorch : ThreadPool::Blas);

  // Data: train/<class>/*, validation from --val or a seeded hold-out of train.
  const ImageFolder train = scanImageFolder((std::filesystem::path(*dataDir) / "train").string());
  options.config = architecture(args, static_cast<int64_t>(train.classes.size()));
  const auto decodeStart = std::chrono::steady_clock::now();
  std::vector<int64_t> trainIndices, valIndices;
  ImageFolder val;
  if (const auto valDir = args.value("val")) {
    val = scanImageFolder(*valDir);
    if (val.classes != train.classes)
      throw std::runtime_error(*valDir + ": class folders differ from the training data's");
    trainIndices.resize(train.files.size());
    std::iota(trainIndices.begin(), trainIndices.end(), 0);
    valIndices.resize(val.files.size());
    std::iota(valIndices.begin(), valIndices.end(), 0);
  } else {
    Split split = holdoutSplit(static_cast<int64_t>(train.files.size()), holdout, options.seed);
    trainIndices = std::move(split.train);
    valIndices = std::move(split.val);
    val = train;
  }
  if (imbalance > 1.0) {
    trainIndices = imbalancedSubset(trainIndices, train.labels, options.config.numClasses, imbalance, options.seed);
  }
  // Decoded images are kept in memory as bytes, next to what a training step needs: refuse before decoding.
  {
    const double images = static_cast<double>(trainIndices.size() + valIndices.size());
    const double imageBytes = 3.0 * static_cast<double>(options.config.imageHeight * options.config.imageWidth);
    const uint64_t pass =
        estimatePassBytes(options.config, std::min<int64_t>(options.batch, static_cast<int64_t>(trainIndices.size())),
                          PassKind::Training);
    requireMemory(static_cast<uint64_t>(std::min(1.8e19, images * imageBytes + static_cast<double>(pass))),
                  "training at " + std::to_string(options.config.imageHeight) + "x" +
                      std::to_string(options.config.imageWidth) + " (" + std::to_string(options.config.numTokens()) +
                      " tokens, batch " + std::to_string(options.batch) + ", " +
                      std::to_string(trainIndices.size() + valIndices.size()) + " images kept decoded)");
  }
  const int decodeThreads = std::min(2, defaultThreads());
  const int height = static_cast<int>(options.config.imageHeight), width = static_cast<int>(options.config.imageWidth);
  TrainData data;
  data.classes = train.classes;
  data.train = decodeImages(train, trainIndices, height, width, decodeThreads);
  data.val = decodeImages(val, valIndices, height, width, decodeThreads);
  data.stats = channelStats(data.train.images);
  std::printf(
      "decoded %lld training + %lld validation images (%zu classes) in %.1f s; mean %.4f %.4f %.4f, std %.4f "
      "%.4f %.4f\n",
      static_cast<long long>(data.train.size()), static_cast<long long>(data.val.size()), train.classes.size(),
      std::chrono::duration<double>(std::chrono::steady_clock::now() - decodeStart).count(), data.stats.mean[0],
      data.stats.mean[1], data.stats.mean[2], data.stats.stddev[0], data.stats.stddev[1], data.stats.stddev[2]);

  TrainOutputs outputs;
  outputs.modelPath = *out;
  outputs.resume = resume;
  outputs.meta.name = std::filesystem::path(*out).stem().string();
  // The data set by name, size and file-list checksum: never the machine's absolute path.
  outputs.meta.provenance = {
      {"recipe", recipeJson(args, options, holdout, imbalance, args.has("val") ? describeImageFolder(val) : "").dump()},
      {"trainer", "vitlens-cli train"},
      {"data", describeImageFolder(train)},
      {"threads", threadText}};
  std::printf("training %s: %lld steps/epoch of %lld, %d epochs, threads: %s\n", options.config.toJson().c_str(),
              static_cast<long long>((data.train.size() + options.batch - 1) / options.batch),
              static_cast<long long>(options.batch), options.epochs, threadText.c_str());
  std::fflush(stdout);

  const bool terminal = ::isatty(STDERR_FILENO) != 0;
  TrainCallbacks callbacks;
  callbacks.stop = &stopRequested;
  if (terminal) callbacks.onBatch = printProgress;
  callbacks.onEpoch = [terminal](const EpochMetrics& m) {
    if (terminal) std::fprintf(stderr, "\r\033[K");
    std::printf("epoch %3d  train loss %.4f acc %.4f  val loss %.4f acc %.4f  lr %.2e  %.1f s\n", m.epoch, m.trainLoss,
                m.trainAcc, m.valLoss, m.valAcc, m.lr, m.seconds);
    std::fflush(stdout);
  };
  stopRequested = false;
  std::signal(SIGINT, onInterrupt);
  const TrainResult result = trainModel(options, data, outputs, callbacks);
  std::signal(SIGINT, SIG_DFL);
  if (terminal) std::fprintf(stderr, "\r\033[K");
  if (result.interrupted && result.epochsDone == 0) {
    std::printf("interrupted before the first epoch completed; nothing was written\n");
    return 130;
  }
  if (result.interrupted) {
    std::printf("interrupted: %s and %s hold epoch %d; continue with --resume\n", out->c_str(),
                checkpointPath(*out).c_str(), result.epochsDone);
    return 130;
  }
  std::printf("wrote %s: %d epochs, val accuracy %.4f (best %.4f), %.0f s\n", out->c_str(), result.epochsDone,
              result.valAcc, result.bestValAcc, result.seconds);
  return 0;
}

}  // namespace vitlens::cli
