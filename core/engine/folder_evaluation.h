#pragma once
// A model's results on a whole folder: what vitlens-cli evaluate / classify DIR and the window's Evaluate Folder
// share (README, "Whole folders"). The results themselves, their JSON and CSV forms, and the filters the window
// offers. Free of torch and OpenCV.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "engine/confusion_matrix.h"

namespace vitlens {

// One score of one image: a class index, its label and probability (as ClassScore, without engine.h).
struct OutcomeScore {
  int64_t index = 0;
  std::string label;
  float probability = 0.0f;
};

struct ImageOutcome {
  std::string path;
  int64_t label = -1;             // the model's label index the image's folder names; -1: unlabelled
  std::vector<OutcomeScore> top;  // best first; empty when the image could not be read
  double milliseconds = 0.0;      // this image's share of its batch's forward pass
  std::string error;              // why the image could not be read; empty otherwise
  int64_t predicted() const { return top.empty() ? -1 : top.front().index; }
  float probability() const { return top.empty() ? 0.0f : top.front().probability; }
  bool correct() const { return label >= 0 && predicted() == label; }
};

struct FolderEvaluation {
  ConfusionMatrix confusion{{}};        // labelled images that could be read
  std::vector<int64_t> presentClasses;  // label indices that had a folder, in label order
  int64_t images = 0;                   // images read and classified
  int64_t failed = 0;                   // images that could not be read (listed in perImage with their error)
  bool cancelled = false;               // stopped early by the progress callback: the counts cover what ran
  double seconds = 0;                   // forward passes only
  double imagesPerSecond = 0;
  std::vector<ImageOutcome> perImage;  // in folder order: by class, then file name
};

struct FolderOptions {
  int batch = 256;       // images per forward pass
  int threads = 1;       // decoding threads
  int topk = 5;          // scores kept per image
  bool labelled = true;  // ROOT/<class>/<image> with classes = labels; false: every image under ROOT, unlabelled
};

// Called after each batch with (images done, images in all); returning false stops the evaluation.
using FolderProgress = std::function<bool(int64_t done, int64_t total)>;

// The object vitlens-cli evaluate --json prints: model, data, images, accuracy, per_class, confusion, labels,
// images_per_s, plus failed; with perImage, "per_image": [{path, label, predicted, prob, correct, top: [{index,
// label, prob}], ms} | {path, error}].
std::string folderEvaluationJson(const FolderEvaluation& evaluation, const std::string& model, const std::string& data,
                                 bool perImage);
// One row per image: path,label,predicted,probability,correct,top_k (top_k: "label:prob;label:prob;..."), RFC 4180
// quoting; unreadable images have an empty prediction and the error in top_k's place.
std::string folderEvaluationCsv(const FolderEvaluation& evaluation);

// The window's one-click filters, as indices into perImage: the images of one confusion cell (label `truth`,
// predicted `predicted`), the correct ones least confident first, the wrong ones most confident first.
std::vector<size_t> outcomesInCell(const FolderEvaluation& evaluation, int64_t truth, int64_t predicted);
std::vector<size_t> leastConfidentCorrect(const FolderEvaluation& evaluation);
std::vector<size_t> mostConfidentWrong(const FolderEvaluation& evaluation);

// The most confused pairs (truth != predicted) by count, ties by (truth, predicted): for models with too many
// classes for a grid.
struct ConfusedPair {
  int64_t truth = 0;
  int64_t predicted = 0;
  int64_t count = 0;
};
std::vector<ConfusedPair> mostConfusedPairs(const ConfusionMatrix& confusion, size_t limit);

}  // namespace vitlens
