--[[
What the single-file HTML report adds to the text (after quarto.lua; used by analysis.render).

  * Every table sits in a box of its own (`div.table-wrap`) that scrolls sideways when the
    table is wider than the page; report.js makes such a box focusable and names it.
  * Beside every table a download link, embedded in the file as a data URI: the chapter's
    tidy CSV when the notebook named it (`display.table(..., data="phases")` leaves the
    marker `<!-- tidy-data: NAME.csv DATA-URI -->`, completed by analysis.render.downloads
    with the bytes of reports/<period>/tables/NAME.csv), else the table as shown, as CSV.
    A figure whose notebook named a tidy table gets the same link.
  * At the end of every chapter, links to the previous and the next chapter.
  * The template's words (search, skip link, menu) in the document's language.
The numbers come from quarto.lua (`ref-number`, `chapter-number` attributes, removed here).
]]

local WORDS = {
  nl = {
    data_of = "Gegevens bij %s (CSV)", as_csv = "%s als CSV", this_table = "deze tabel",
    this_figure = "deze figuur", tbl = "tabel", fig = "figuur", appendix = "Bijlage",
    chapter = "hoofdstuk", previous = "Vorige", next = "Volgende",
    chapter_nav = "Vorig en volgend hoofdstuk",
    skip = "Naar de tekst", contents = "Inhoud", search = "Zoeken in het rapport",
    search_hint = "Typ een woord; Enter springt naar het eerste resultaat",
    no_results = "Niets gevonden", one_result = "1 resultaat", results = "%d resultaten",
    close = "Sluiten", table_region = "Tabel",
  },
  en = {
    data_of = "Data of %s (CSV)", as_csv = "%s as CSV", this_table = "this table",
    this_figure = "this figure", tbl = "table", fig = "figure", appendix = "Appendix",
    chapter = "chapter", previous = "Previous", next = "Next",
    chapter_nav = "Previous and next chapter",
    skip = "Skip to the text", contents = "Contents", search = "Search the report",
    search_hint = "Type a word; Enter goes to the first result",
    no_results = "Nothing found", one_result = "1 result", results = "%d results",
    close = "Close", table_region = "Table",
  },
}
local words = WORDS.nl

local MARKER = "^<!%-%- tidy%-data: ([%w%._%-]+%.csv) (data:[^%s]+) %-%->$"
local ANY_MARKER = "^<!%-%- tidy%-data: "

local function upper_first(text)
  return pandoc.text.upper(pandoc.text.sub(text, 1, 1)) .. pandoc.text.sub(text, 2)
end

-- CSV of a table as shown ---------------------------------------------------------

local function csv_field(text)
  if text:find('[,"\r\n]') then
    return '"' .. text:gsub('"', '""') .. '"'
  end
  return text
end

local function csv_rows(rows, lines)
  for _, row in ipairs(rows) do
    local fields = {}
    for _, cell in ipairs(row.cells) do
      table.insert(fields, csv_field(pandoc.utils.stringify(pandoc.Blocks(cell.contents))))
      for _ = 2, cell.col_span do
        table.insert(fields, "")
      end
    end
    table.insert(lines, table.concat(fields, ","))
  end
end

--- The table's cells as they are shown, as UTF-8 CSV with '\n' line ends.
local function table_csv(tbl)
  local lines = {}
  csv_rows(tbl.head.rows, lines)
  for _, body in ipairs(tbl.bodies) do
    csv_rows(body.head, lines)
    csv_rows(body.body, lines)
  end
  csv_rows(tbl.foot.rows, lines)
  return table.concat(lines, "\n") .. "\n"
end

local function percent_encode(text)
  return (text:gsub("[^%w%-%._~]", function(c)
    return ("%%%02X"):format(c:byte())
  end))
end

-- Download links ------------------------------------------------------------------

local chapter_name = "tabel" -- "hoofdstuk-1", "bijlage-A": names of unnumbered tables
local unnumbered = 0

local function download(text, href, name)
  local link = pandoc.Link(pandoc.Inlines(text), href, "", { download = name })
  return pandoc.Div(pandoc.Plain({ link }), { class = "data-download" })
end

--- "tabel 1.2" or "deze tabel".
local function reference(kind, number)
  if number then
    return words[kind] .. "\u{a0}" .. number
  end
  return kind == "tbl" and words.this_table or words.this_figure
end

local function table_block(tbl, marker)
  local number = tbl.attributes["ref-number"]
  tbl.attributes["ref-number"] = nil
  local link
  if marker then
    link = download(upper_first(words.data_of:format(reference("tbl", number))),
      marker.href, marker.name)
  else
    local name
    if number then
      name = ("%s-%s.csv"):format(words.tbl, number)
    else
      unnumbered = unnumbered + 1
      name = ("%s-%s-%d.csv"):format(chapter_name, words.tbl, unnumbered)
    end
    link = download(upper_first(words.as_csv:format(reference("tbl", number))),
      "data:text/csv;charset=utf-8," .. percent_encode(table_csv(tbl)), name)
  end
  return { pandoc.Div({ tbl }, { class = "table-wrap" }), link }
end

local function figure_block(fig, marker)
  local number = fig.attributes["ref-number"]
  fig.attributes["ref-number"] = nil
  if not marker then
    return { fig }
  end
  return {
    fig,
    download(upper_first(words.data_of:format(reference("fig", number))), marker.href,
      marker.name),
  }
end

local function marker_of(block)
  if block and block.t == "RawBlock" and block.format == "html" then
    local name, href = block.text:match(MARKER)
    if name then
      return { name = name, href = href }
    end
  end
end

local function is_marker(block)
  return block.t == "RawBlock" and block.format == "html" and block.text:match(ANY_MARKER)
end

--- Tables and figures with their download links, in document order (also inside divs such
--- as callouts); markers are used up.
local function with_downloads(blocks)
  local result = pandoc.Blocks({})
  local i = 1
  while i <= #blocks do
    local block = blocks[i]
    local marker = marker_of(blocks[i + 1])
    if block.t == "Header" and block.level == 1 then
      local number = block.attributes["chapter-number"]
      local word = block.classes:includes("appendix") and words.appendix or words.chapter
      chapter_name = number and (pandoc.text.lower(word) .. "-" .. number) or block.identifier
      unnumbered = 0
      result:insert(block)
    elseif block.t == "Table" then
      result:extend(table_block(block, marker))
      i = i + (marker and 1 or 0)
    elseif block.t == "Figure" then
      result:extend(figure_block(block, marker))
      i = i + (marker and 1 or 0)
    elseif is_marker(block) then
      pandoc.log.warn("a tidy-data marker without a table or figure before it: dropped")
    elseif block.t == "Div" or block.t == "BlockQuote" then
      block.content = with_downloads(block.content)
      result:insert(block)
    else
      result:insert(block)
    end
    i = i + 1
  end
  return result
end

-- Chapter navigation --------------------------------------------------------------

local function chapter_label(header)
  local title = pandoc.utils.stringify(header.content)
  local number = header.attributes["chapter-number"]
  if not number then
    return title
  end
  if header.classes:includes("appendix") then
    return words.appendix .. " " .. number .. " " .. title
  end
  return number .. " " .. title
end

local function chapter_link(chapter, word, class)
  return pandoc.Link({
    pandoc.Span(pandoc.Inlines(word), { class = "chapter-nav-word" }),
    pandoc.Space(),
    pandoc.Span(pandoc.Inlines(chapter.label), { class = "chapter-nav-title" }),
  }, "#" .. chapter.id, "", { class = class })
end

local function chapter_nav(chapters, i)
  local links = {}
  if chapters[i - 1] then
    table.insert(links, chapter_link(chapters[i - 1], words.previous, "chapter-prev"))
  end
  if chapters[i + 1] then
    table.insert(links, chapter_link(chapters[i + 1], words.next, "chapter-next"))
  end
  -- attributes as a list: a Lua table's order changes from run to run, the bytes must not
  return pandoc.Div(pandoc.Plain(links), pandoc.Attr("", { "chapter-nav" }, {
    { "role", "navigation" }, { "aria-label", words.chapter_nav },
  }))
end

--- Top-level level-1 headings (every chapter starts with one) get previous/next links
--- before the next chapter and at the end.
local function add_chapter_nav(blocks)
  local chapters, starts = {}, {}
  for i, block in ipairs(blocks) do
    if block.t == "Header" and block.level == 1 and block.identifier ~= "" then
      table.insert(chapters, { id = block.identifier, label = chapter_label(block) })
      table.insert(starts, i)
    end
  end
  for _, i in ipairs(starts) do
    blocks[i].attributes["chapter-number"] = nil
  end
  if #chapters < 2 then
    return blocks
  end
  local result = pandoc.Blocks({})
  local current = 0
  for i, block in ipairs(blocks) do
    if current > 0 and i == starts[current + 1] then
      result:insert(chapter_nav(chapters, current))
    end
    if i == starts[current + 1] then
      current = current + 1
    end
    result:insert(block)
  end
  result:insert(chapter_nav(chapters, current))
  return result
end

function Pandoc(doc)
  local lang = pandoc.utils.stringify(doc.meta.lang or "nl"):match("^%a+")
  words = WORDS[lang] or WORDS.en
  for key, value in pairs({
    ["skip-label"] = words.skip, ["contents-label"] = words.contents,
    ["search-label"] = words.search, ["search-hint"] = words.search_hint,
    ["search-none"] = words.no_results, ["search-one"] = words.one_result,
    ["search-many"] = words.results, ["close-label"] = words.close,
    ["table-label"] = words.table_region,
  }) do
    doc.meta[key] = value
  end
  doc.blocks = with_downloads(doc.blocks)
  doc.blocks = add_chapter_nav(doc.blocks)
  return doc
end
