// View › Language: the languages, each named in itself, and the offer to restart when the choice changes.
#include <QActionGroup>
#include <QMainWindow>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>

#include "ui/language.h"
#include "ui/window_actions.h"

namespace vitlens::ui {

void WindowActions::buildLanguageMenu(QMainWindow* window, QMenu* view) {
  QMenu* menu = view->addMenu(tr("&Language"));
  menu->setObjectName(QStringLiteral("languageMenu"));
  menu->setToolTipsVisible(true);
  auto* group = new QActionGroup(this);
  const QString saved = savedLanguage();
  // Each language is named in itself, so whoever cannot read the current one still finds theirs.
  QList<Language> entries{{QString(), tr("System Default")}};
  entries.append(availableLanguages());
  for (const Language& entry : entries) {
    QAction* action = menu->addAction(entry.nativeName);
    const QString code = entry.code;
    action->setObjectName(QStringLiteral("language_%1Action").arg(code.isEmpty() ? QStringLiteral("system") : code));
    action->setCheckable(true);
    action->setChecked(code == saved);
    action->setActionGroup(group);
    if (code.isEmpty()) {
      action->setToolTip(tr("The language of the system, English when vitlens has no translation for it."));
    }
    connect(action, &QAction::triggered, this, [window, code] {
      const bool changes = effectiveLanguage(code) != installedLanguage();
      saveLanguage(code);
      if (!changes) return;
      QMessageBox box(QMessageBox::Question, tr("Language"),
                      tr("The new language applies when vitlens starts again: the window builds its menus and panels "
                         "once. Restart now? An image or folder opened since the start is not opened again."),
                      QMessageBox::NoButton, window);
      QPushButton* restart = box.addButton(tr("&Restart Now"), QMessageBox::AcceptRole);
      box.addButton(tr("&Later"), QMessageBox::RejectRole);
      box.setDefaultButton(restart);
      box.exec();
      if (box.clickedButton() != restart) return;
      // The new process loads LibTorch before it reads the settings; closing saves them (closeEvent) well before.
      if (restartApplication()) {
        window->close();
      } else {
        QMessageBox::warning(window, tr("Language"),
                             tr("vitlens could not be started again; the new language applies at the next start."));
      }
    });
  }
}

}  // namespace vitlens::ui
