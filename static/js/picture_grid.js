// The meeting form's situation picture: one tab stop into the grid instead of two per cell.
// Arrow keys move between cells (Home/End to the ends of the row, Ctrl+Home/End to the corners),
// the digits 0–3 set the level, Tab goes on to the cell's note and then out of the grid.
(function () {
  "use strict";

  var grid = document.querySelector(".meeting-form .picture-grid");
  if (!grid) {
    return;
  }
  var rows = Array.prototype.map.call(grid.tBodies[0].rows, function (row) {
    return Array.prototype.slice.call(row.cells, 1); // the row's header is not a cell to edit
  });
  var active = rows[0][0];

  function controls(cell) {
    return { level: cell.querySelector("select"), note: cell.querySelector("input") };
  }

  function activate(cell) {
    [controls(active).level, controls(active).note].forEach(function (el) {
      el.tabIndex = -1;
    });
    active = cell;
    [controls(cell).level, controls(cell).note].forEach(function (el) {
      el.tabIndex = 0;
    });
  }

  function position(cell) {
    var row = rows.findIndex(function (cells) {
      return cells.indexOf(cell) !== -1;
    });
    return { row: row, col: rows[row].indexOf(cell) };
  }

  // The cell a key leads to from (row, col), or null when the key is not a move.
  function target(key, ctrl, at, last) {
    var moves = {
      ArrowUp: [at.row - 1, at.col],
      ArrowDown: [at.row + 1, at.col],
      ArrowLeft: [at.row, at.col - 1],
      ArrowRight: [at.row, at.col + 1],
      Home: ctrl ? [0, 0] : [at.row, 0],
      End: ctrl ? [last.row, last.col] : [at.row, last.col],
    };
    var to = moves[key];
    if (!to) {
      return null;
    }
    var row = Math.min(Math.max(to[0], 0), last.row);
    return rows[row][Math.min(Math.max(to[1], 0), last.col)];
  }

  function setLevel(select, value) {
    if (select.querySelector('option[value="' + value + '"]')) {
      select.value = value;
      select.dispatchEvent(new Event("change", { bubbles: true }));
    }
  }

  rows.forEach(function (cells) {
    cells.forEach(function (cell) {
      var el = controls(cell);
      el.level.tabIndex = -1;
      el.note.tabIndex = -1;
    });
  });
  activate(active);

  grid.addEventListener("focusin", function (event) {
    var cell = event.target.closest("td");
    if (cell && cell !== active) {
      activate(cell);
    }
  });

  grid.addEventListener("keydown", function (event) {
    var cell = event.target.closest("td");
    if (!cell || event.altKey || event.shiftKey) {
      return; // Alt+Down opens the list of levels as usual
    }
    var onNote = event.target.tagName === "INPUT";
    if (!onNote && /^[0-9]$/.test(event.key)) {
      event.preventDefault();
      setLevel(event.target, event.key);
      return;
    }
    // In the note, left, right, Home and End move the caret; only up and down leave the cell.
    if (onNote && event.key !== "ArrowUp" && event.key !== "ArrowDown") {
      return;
    }
    var last = { row: rows.length - 1, col: rows[0].length - 1 };
    var next = target(event.key, event.ctrlKey, position(cell), last);
    if (next) {
      event.preventDefault();
      activate(next);
      controls(next)[onNote ? "note" : "level"].focus();
    }
  });

  var keys = document.getElementById("picture-keys");
  if (keys) {
    keys.classList.remove("d-none");
  }
})();
