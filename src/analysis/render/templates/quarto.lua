--[[
Quarto notebook features for plain pandoc (used by analysis.render).

Input: the chapters of a book as read by pandoc's ipynb reader with --ipynb-output=all
(one Div per cell, one Div per output holding every MIME alternative) and markdown chapters.
Handles:
  * cell options at the top of a code cell (`#| key: value`, YAML): echo, eval, include,
    output, warning, label, fig-cap, fig-alt, tbl-cap; defaults for echo and warning from
    metadata `execute`;
  * outputs as Quarto shows them: standard output as a code block (Markdown with
    `output: asis`), standard error only where `warning` is true, errors dropped (a cell
    error stops the run); of the MIME types of one output the first of text/markdown,
    image, the tables in text/html, text/plain is shown; output tables get automatic
    column widths; an `eval: false` cell was not executed and shows at most its code;
  * `fig-` cells become numbered figures, `tbl-` cells numbered tables (the label is the id);
    a caption without a `fig-`/`tbl-` label stays unnumbered, as in Quarto; every image needs
    alt text: a figure's `fig-alt` (option or Markdown attribute), another image's
    description; without it the render stops, naming the figure (never the caption as alt);
  * callouts (`::: {.callout-note}`, -tip, -important, -warning, -caution) with a title
    from the `title` attribute, a leading heading, or Quarto's default in the document
    language (src/resources/language/_language-nl.yml of quarto-cli);
  * cross-references `@fig-x`, `@tbl-x`, `@sec-x` (pandoc reads them as citations) the
    Quarto way: `@Fig-x` capitalises the prefix, `[-@fig-x]` gives the number alone and
    `[zie figuur @fig-x]` replaces the prefix (a citation suffix is dropped, with a warning);
  * duplicate heading ids (chapters are read separately) get a suffix.
Typst does its own numbering (per chapter when sections are numbered, see report.typ);
for HTML the filter writes the same numbers into captions and references.
]]

local TYPST = FORMAT:match("typst") ~= nil

-- Quarto's words (crossref-*-title/-prefix, callout-*-title, toc-title-document) from
-- src/resources/language/_language-nl.yml and _language.yml of quarto-cli.
local WORDS = {
  nl = {
    fig = "Figuur", tbl = "Tabel", chapter = "Hoofdstuk", sec = "Paragraaf", appendix = "Bijlage",
    toc = "Inhoudsopgave",
    note = "Opmerking", tip = "Tip", important = "Belangrijk", warning = "Waarschuwing",
    caution = "Opgelet",
  },
  en = {
    fig = "Figure", tbl = "Table", chapter = "Chapter", sec = "Section", appendix = "Appendix",
    toc = "Contents",
    note = "Note", tip = "Tip", important = "Important", warning = "Warning",
    caution = "Caution",
  },
}
local CALLOUTS = { "note", "tip", "important", "warning", "caution" }
-- Tables with more rows or text than this may break across pages in the PDF.
local LONG_TABLE_ROWS = 20
local LONG_TABLE_CHARS = 2000

local words = WORDS.nl
local echo_default = false
local warning_default = true
local numbered = true

-- Cell options ----------------------------------------------------------------

--- Split a code cell's source into its `#|` options (a table) and the remaining code.
local function cell_options(source)
  local option_lines, code_lines = {}, {}
  local in_options = true
  for line in (source .. "\n"):gmatch("(.-)\n") do
    if in_options and line:match("^#|") then
      table.insert(option_lines, (line:gsub("^#| ?", "")))
    else
      in_options = false
      table.insert(code_lines, line)
    end
  end
  local options = {}
  if #option_lines > 0 then
    local yaml = "---\n" .. table.concat(option_lines, "\n") .. "\n---\n"
    for key, value in pairs(pandoc.read(yaml, "markdown").meta) do
      options[key] = value
    end
  end
  return options, table.concat(code_lines, "\n")
end

local function option_bool(value, default)
  if type(value) == "boolean" then
    return value
  end
  return default
end

local function caption_blocks(value)
  if value == nil then
    return {}
  end
  return { pandoc.Plain(pandoc.Inlines(value)) }
end

-- Outputs ---------------------------------------------------------------------

local function image_para(block)
  return (block.t == "Para" or block.t == "Plain")
    and #block.content == 1 and block.content[1].t == "Image"
end

--- Output tables get automatic column widths: Typst and browsers then size columns to
--- their content, instead of pandoc's widths from the dashes of long pipe-table lines.
local function auto_widths(blocks)
  return blocks:walk({
    Table = function(tbl)
      for i, spec in ipairs(tbl.colspecs) do
        tbl.colspecs[i] = { spec[1] }
      end
      return tbl
    end,
  })
end

--- The tables in an HTML output (e.g. a DataFrame shown without display.table).
local function html_tables(html)
  local tables = pandoc.Blocks({})
  if html:find("<table") then
    pandoc.read(html, "html").blocks:walk({
      Table = function(tbl)
        tables:insert(tbl)
      end,
    })
  end
  return tables
end

--- The one representation to show of an output Div (all MIME types of one output).
local function choose_output(output)
  local best = {}
  for _, block in ipairs(output.content) do
    if block.t == "RawBlock" and block.format == "markdown" then
      best.markdown = best.markdown or block
    elseif image_para(block) then
      best.image = best.image or block
    elseif block.t == "RawBlock" and block.format == "html" then
      best.html = best.html or block
    elseif block.t == "CodeBlock" and #block.classes == 0 then
      best.plain = best.plain or block
    end
  end
  if best.markdown then
    -- display.table's options: `widths` keeps the relative column widths it gave, `small`
    -- sets the table in a smaller type
    local options = best.markdown.text:match("^<!%-%- table: ([%w ]+) %-%->") or ""
    local blocks = pandoc.read(best.markdown.text, "markdown").blocks
    if options:match("small") then
      blocks = blocks:walk({ Table = function(tbl)
        tbl.classes:insert("small")
        return tbl
      end })
    end
    return options:match("widths") and blocks or auto_widths(blocks)
  elseif best.image then
    return { best.image }
  end
  local tables = best.html and html_tables(best.html.text) or {}
  if #tables > 0 then
    return auto_widths(tables)
  elseif best.plain then
    return { best.plain }
  end
  return {}
end

--- Turn image paragraphs into a figure (the first one gets the label) and give the first
--- table its label and caption.
local function label_outputs(blocks, options, cell_id)
  local label = options.label and pandoc.utils.stringify(options.label) or ""
  local is_fig = label:match("^fig%-") or options["fig-cap"] ~= nil
  local is_tbl = label:match("^tbl%-") or options["tbl-cap"] ~= nil
  local done = false
  local result = blocks:walk({
    Para = function(para)
      if not (is_fig and image_para(para)) then
        return nil
      end
      local id = done and "" or label
      done = true
      local image = para.content[1]
      if options["fig-alt"] ~= nil then
        image.attributes["fig-alt"] = pandoc.utils.stringify(options["fig-alt"])
      end
      return pandoc.Figure(pandoc.Plain(image), caption_blocks(options["fig-cap"]), id)
    end,
    Table = function(tbl)
      if not is_tbl or done then
        return nil
      end
      done = true
      tbl.identifier = label
      tbl.caption = { long = caption_blocks(options["tbl-cap"]) }
      return tbl
    end,
  })
  -- A labelled cell without any output shows nothing (e.g. a figure that needs more data);
  -- output of the wrong kind is a mistake worth a warning.
  if (is_fig or is_tbl) and not done and #blocks > 0 then
    pandoc.log.warn(("cell %s (%s): no %s in its output"):format(
      cell_id, label, is_fig and "image" or "table"))
  end
  return result
end

--- A stream output as Quarto shows it: stdout as a code block, or as Markdown with
--- `output: asis`; stderr (warnings) only where `warning` is true.
local function stream_output(output, options)
  local block = output.content[1]
  if not block or block.t ~= "CodeBlock" then
    return {}
  end
  local text = block.text
  if output.classes:includes("stderr") then
    if not option_bool(options.warning, warning_default) then
      return {}
    end
    text = text:gsub("<ipython%-input.-%>:%d+:%s+", "", 1)
  elseif options.output and pandoc.utils.stringify(options.output) == "asis" then
    return pandoc.read(text, "markdown").blocks
  end
  return { pandoc.CodeBlock((text:gsub("\n+$", ""))) }
end

local function code_cell(cell)
  local source = cell.content[1]
  if not source or source.t ~= "CodeBlock" then
    return cell.content
  end
  local options, code = cell_options(source.text)
  if options.include == false then
    return {}
  end
  local blocks = pandoc.Blocks({})
  if option_bool(options.echo, echo_default) then
    blocks:insert(pandoc.CodeBlock(code, { class = source.classes[1] }))
  end
  if options.output ~= false and options.eval ~= false then
    local outputs = pandoc.Blocks({})
    for i = 2, #cell.content do
      local output = cell.content[i]
      if output.t == "Div" and output.classes:includes("stream") then
        outputs:extend(stream_output(output, options))
      elseif output.t == "Div" and (output.classes:includes("execute_result")
          or output.classes:includes("display_data")) then
        outputs:extend(choose_output(output))
      end
    end
    blocks:extend(label_outputs(outputs, options, cell.identifier))
  end
  return blocks
end

-- Callouts --------------------------------------------------------------------

local function callout_kind(div)
  for _, kind in ipairs(CALLOUTS) do
    if div.classes:includes("callout-" .. kind) then
      return kind
    end
  end
end

local function callout(div)
  local kind = callout_kind(div)
  if not kind then
    return nil
  end
  local body = pandoc.Blocks(div.content)
  local title
  if div.attributes.title then
    title = pandoc.utils.blocks_to_inlines(pandoc.read(div.attributes.title, "markdown").blocks)
  elseif body[1] and body[1].t == "Header" then
    title = body:remove(1).content
  else
    title = pandoc.Inlines(words[kind])
  end
  if TYPST then
    local typst_title = pandoc.write(pandoc.Pandoc({ pandoc.Plain(title) }), "typst")
    local open = ('#callout(kind: "%s", title: [%s])['):format(kind, typst_title:gsub("%s+$", ""))
    local blocks = pandoc.Blocks({ pandoc.RawBlock("typst", open) })
    blocks:extend(body)
    blocks:insert(pandoc.RawBlock("typst", "]"))
    return blocks
  end
  return pandoc.Div({
    pandoc.Div(pandoc.Plain(title), { class = "callout-title" }),
    pandoc.Div(body, { class = "callout-body" }),
  }, { class = "callout callout-" .. kind })
end

-- Numbering -------------------------------------------------------------------

--- Alt text is required, never taken from a caption (a caption names a figure, it does not
--- describe it): a figure's image needs `fig-alt` (cell option, `display.figure(alt=...)` or
--- a Markdown attribute); an image outside a figure needs its description. A missing one
--- stops the render with the figure named, as Typst's PDF/UA export would.
local function require_alt(image, figure, chapter)
  local alt = image.attributes["fig-alt"]
  if (alt == nil or alt == "") and not figure then
    alt = pandoc.utils.stringify(image.caption)
  end
  image.attributes["fig-alt"] = nil
  if alt ~= nil and alt:match("%S") then
    image.caption = pandoc.Inlines(alt)
    return image
  end
  local what = "image " .. image.src:sub(1, 40)
  if figure then
    local caption = pandoc.utils.stringify(figure.caption.long)
    if #caption > 70 then
      caption = pandoc.text.sub(caption, 1, 67) .. "..."
    end
    what = ("figure %s'%s'"):format(
      figure.identifier ~= "" and figure.identifier .. " " or "", caption)
  end
  error(("%s in chapter '%s' has no alt text: describe it with the cell option "
    .. "`#| fig-alt: ...`, display.figure(..., alt=...) or {fig-alt=\"...\"}"):format(
    what, chapter or "?"), 0)
end

--- A Typst string literal.
local function typst_string(text)
  return '"' .. text:gsub("\\", "\\\\"):gsub('"', '\\"') .. '"'
end

--- Typst blocks for an element that Quarto leaves unnumbered (a caption without label).
local function typst_unnumbered(block)
  return {
    pandoc.RawBlock("typst", "#[#set figure(numbering: none)"),
    block,
    pandoc.RawBlock("typst", "]"),
  }
end

--- An image figure as Typst, with the caption inline (pandoc's writer puts the caption
--- on its own lines, which leaves a double space after "Figuur 1.1:").
local function typst_figure(fig, numbered_figure)
  local body = fig.content[1]
  if #fig.content ~= 1 or not image_para(body) then
    return numbered_figure and fig or typst_unnumbered(fig)
  end
  local caption = pandoc.write(pandoc.Pandoc(fig.caption.long), "typst"):gsub("%s+$", "")
  caption = caption == "" and "figure.caption(separator: none)[]" or "[" .. caption .. "]"
  local label = fig.identifier ~= "" and (" <%s>"):format(fig.identifier) or ""
  local image = body.content[1]
  local alt = pandoc.utils.stringify(image.caption)
  alt = alt ~= "" and (", alt: " .. typst_string(alt)) or ""
  local numbering = numbered_figure and "" or ", numbering: none"
  return pandoc.RawBlock("typst", ('#figure(image(%s%s), caption: %s%s)%s'):format(
    typst_string(image.src), alt, caption, numbering, label))
end

--- Number headings, figures and tables in document order, as Typst will; returns the
--- reference of every label ({word =, number =}). In HTML, also writes the numbers into
--- captions. As in Quarto, only figures and tables with a `fig-`/`tbl-` label get numbers.
local function number_elements(doc)
  local refs, seen_ids = {}, {}
  local sections = {}
  local counts = { fig = 0, tbl = 0 }

  local appendix = false
  local chapter -- the title of the current chapter, for error messages

  --- "2.3", or "A.3" in the appendices.
  local function section_number(level)
    local parts = {}
    for i = 1, level do
      parts[i] = tostring(sections[i] or 0)
    end
    if appendix then
      parts[1] = string.char(64 + (sections[1] or 0))
    end
    return table.concat(parts, ".")
  end

  local function element_number(kind)
    counts[kind] = counts[kind] + 1
    if numbered and (sections[1] or 0) > 0 then -- the front (before chapter 1): "Tabel 1"
      return ("%s.%d"):format(section_number(1), counts[kind])
    end
    return tostring(counts[kind])
  end

  local function caption_prefix(kind, number, caption)
    local prefix = pandoc.Inlines(words[kind] .. "\u{a0}" .. number)
    if caption.long[1] then
      prefix:insert(pandoc.Str(":"))
      prefix:insert(pandoc.Space())
      caption.long[1].content = prefix .. caption.long[1].content
    else
      caption.long = { pandoc.Plain(prefix) }
    end
    return caption
  end

  local function register(id, word, number)
    if refs[id] then
      pandoc.log.warn("duplicate label " .. id)
    end
    refs[id] = { word = word, number = number }
  end

  return doc:walk({
    traverse = "topdown",
    Header = function(h)
      if h.identifier ~= "" then
        local id, n = h.identifier, 1
        while seen_ids[id] do
          n = n + 1
          id = h.identifier .. "-" .. n
        end
        seen_ids[id] = true
        h.identifier = id
      end
      if h.level == 1 then
        chapter = pandoc.utils.stringify(h.content)
      end
      if not numbered or h.classes:includes("unnumbered") then
        return h -- figures in an unnumbered chapter continue the previous numbers
      end
      if h.level == 1 then
        counts.fig, counts.tbl = 0, 0
        if h.classes:includes("appendix") and not appendix then
          appendix, sections[1] = true, 0 -- appendices are lettered: Bijlage A, A.1, ...
        end
      end
      sections[h.level] = (sections[h.level] or 0) + 1
      for level = h.level + 1, #sections do
        sections[level] = nil
      end
      for level = 1, h.level - 1 do
        sections[level] = sections[level] or 0
      end
      local number = section_number(h.level)
      if appendix and not TYPST then
        h.attributes.number = number -- pandoc's HTML writer shows it instead of its own count
      end
      if h.level == 1 and not TYPST then
        h.attributes["chapter-number"] = number -- for html.lua's chapter links
      end
      if h.identifier ~= "" then
        local word = h.level == 1 and (appendix and words.appendix or words.chapter) or words.sec
        register(h.identifier, word, number)
      end
      return h
    end,
    Image = function(image)
      return require_alt(image, nil, chapter) -- images outside figures (figures: below)
    end,
    Figure = function(fig)
      fig = fig:walk({
        Image = function(image)
          return require_alt(image, fig, chapter)
        end,
      })
      if not fig.identifier:match("^fig%-") then
        return TYPST and typst_figure(fig, false) or fig
      end
      local number = element_number("fig")
      register(fig.identifier, words.fig, number)
      if TYPST then
        return typst_figure(fig, true)
      end
      fig.caption = caption_prefix("fig", number, fig.caption)
      fig.attributes["ref-number"] = number -- for html.lua's download link
      return fig
    end,
    Table = function(tbl)
      if not tbl.caption.long[1] then
        return tbl -- only captioned tables are numbered (see report.typ)
      end
      if not tbl.identifier:match("^tbl%-") then
        return TYPST and typst_unnumbered(tbl) or tbl
      end
      local number = element_number("tbl")
      register(tbl.identifier, words.tbl, number)
      if not TYPST then
        tbl.caption = caption_prefix("tbl", number, tbl.caption)
        tbl.attributes["ref-number"] = number -- for html.lua's download link
      end
      return tbl
    end,
  }), refs
end

-- Typst tables ---------------------------------------------------------------

--- Pandoc's Typst writer does not escape a list or heading marker ("1.", "-", "+", "=")
--- at the start of a table cell, so Typst would turn "1. Samenwerking" into a list.
local function escape_cell_markers(tbl)
  return tbl:walk({
    Plain = function(plain)
      local first, second = plain.content[1], plain.content[2]
      if first and first.t == "Str" and (second == nil or second.t == "Space")
          and (first.text:match("^%d+%.$") or first.text:match("^[-+=/]$")) then
        plain.content[1] = pandoc.RawInline("typst", "\\" .. first.text)
        return plain
      end
    end,
  })
end

--- Typst keeps a table (a figure) on one page; a long table may break across pages
--- (its header row repeats) and stays where it stands. Short ones float as a whole instead
--- (report.typ).
local function typst_table_body(tbl)
  local rows = 0
  for _, body in ipairs(tbl.bodies) do
    rows = rows + #body.body
  end
  if rows <= LONG_TABLE_ROWS and #pandoc.utils.stringify(tbl) <= LONG_TABLE_CHARS then
    return { tbl }
  end
  return {
    pandoc.RawBlock("typst",
      "#[#set figure(placement: none)\n#show figure: set block(breakable: true)"),
    tbl,
    pandoc.RawBlock("typst", "]"),
  }
end

--- A table as Typst; one of class `small` (display.table(small=True)) in a smaller type.
local function typst_table(tbl)
  tbl = escape_cell_markers(tbl)
  local blocks = pandoc.Blocks(typst_table_body(tbl))
  if tbl.classes:includes("small") then
    blocks:insert(1, pandoc.RawBlock("typst", "#[#show table: set text(size: 7.5pt)"))
    blocks:insert(pandoc.RawBlock("typst", "]"))
  end
  return blocks
end

-- Cross-references ------------------------------------------------------------

local function is_crossref(id)
  return id:match("^fig%-") or id:match("^tbl%-") or id:match("^sec%-")
end

--- The prefix of a reference, as Quarto writes it: the citation's own prefix, none for
--- `[-@x]`, else the element's word (first letter upper case for `@Fig-x`).
local function ref_prefix(citation, word, upper)
  if #citation.prefix > 0 then
    return citation.prefix
  elseif citation.mode == "SuppressAuthor" then
    return pandoc.Inlines({})
  end
  if upper then
    word = pandoc.text.upper(pandoc.text.sub(word, 1, 1)) .. pandoc.text.sub(word, 2)
  end
  return pandoc.Inlines(word)
end

local function resolve_refs(doc, refs)
  return doc:walk({
    Cite = function(cite)
      for _, citation in ipairs(cite.citations) do
        if not is_crossref(pandoc.text.lower(citation.id)) then
          return cite.content -- no bibliography: keep the text as written
        end
      end
      local result = pandoc.Inlines({})
      for i, citation in ipairs(cite.citations) do
        if i > 1 then
          result:extend({ pandoc.Str(","), pandoc.Space() })
        end
        if #citation.suffix > 0 then
          pandoc.log.warn(("text after @%s in its brackets is dropped, as Quarto does: %s")
            :format(citation.id, pandoc.utils.stringify(citation.suffix)))
        end
        local upper = citation.id:match("^%u") ~= nil
        local id = pandoc.text.lower(pandoc.text.sub(citation.id, 1, 1))
          .. pandoc.text.sub(citation.id, 2)
        local ref = refs[id]
        if not ref then
          pandoc.log.warn("unresolved cross-reference @" .. citation.id)
          result:insert(pandoc.Strong(pandoc.Str("?@" .. citation.id)))
        else
          local prefix = ref_prefix(citation, ref.word, upper)
          local custom = #citation.prefix > 0 or citation.mode == "SuppressAuthor"
          if TYPST and not custom then
            result:insert(pandoc.RawInline("typst", ('#ref(label("%s"));'):format(id)))
          elseif TYPST then
            local supplement = pandoc.write(pandoc.Pandoc({ pandoc.Plain(prefix) }), "typst")
            result:insert(pandoc.RawInline("typst", ('#ref(label("%s"), supplement: [%s]);')
              :format(id, (supplement:gsub("%s+$", "")))))
          else
            local text = pandoc.Inlines(prefix)
            if #text > 0 then
              text:insert(pandoc.Str("\u{a0}"))
            end
            text:insert(pandoc.Str(ref.number))
            result:insert(pandoc.Link(text, "#" .. id))
          end
        end
      end
      return result
    end,
  })
end

-- Quotes ----------------------------------------------------------------------

--- Pandoc's Typst writer writes ’ (a closing quote or an apostrophe) as ', which Typst's smart
--- quotes then open or close by turns ("‘a.‘ en"): keep it as the character it is.
local RSQUO = "\u{2019}"
-- What Typst would change in a word (pandoc's writer leaves it as it is): a right single
-- quote (see above) and three dots, which Typst's markup makes an ellipsis. Both are written
-- as the characters they are, so a name from an input reads in the PDF as in the HTML.
local TYPST_KEEP = { { RSQUO, RSQUO }, { "...", "\\.\\.\\." } }
local function typst_rsquo(str)
  local text = str.text
  if not (text:find(RSQUO, 1, true) or text:find("...", 1, true)) then
    return nil
  end
  local out = pandoc.Inlines({})
  local pos = 1
  while true do
    local i, j, raw
    for _, keep in ipairs(TYPST_KEEP) do
      local a, b = text:find(keep[1], pos, true)
      if a and (not i or a < i) then
        i, j, raw = a, b, keep[2]
      end
    end
    if not i then
      break
    end
    if i > pos then
      out:insert(pandoc.Str(text:sub(pos, i - 1)))
    end
    out:insert(pandoc.RawInline("typst", raw))
    pos = j + 1
  end
  if pos <= #text then
    out:insert(pandoc.Str(text:sub(pos)))
  end
  return out
end

-- Main ------------------------------------------------------------------------

--- A link to '#id' where the document has no such id (a chapter left out of this report)
--- keeps its text but loses the link, with a warning; Typst would refuse the document.
function drop_dangling_links(doc)
  local ids = {}
  local function note(el)
    if el.identifier and el.identifier ~= "" then
      ids[el.identifier] = true
    end
  end
  doc:walk({ Header = note, Div = note, Span = note, Figure = note, Table = note,
    RawBlock = function(raw)
      for label in raw.text:gmatch("<([%w%-_:]+)>") do
        ids[label] = true
      end
    end,
  })
  return doc:walk({
    Link = function(link)
      local id = link.target:match("^#(.+)$")
      if id and not ids[id] then
        pandoc.log.warn("link to #" .. id .. ": no such section in this report")
        return link.content
      end
    end,
  })
end

function Pandoc(doc)
  local lang = pandoc.utils.stringify(doc.meta.lang or "nl"):match("^%a+")
  words = WORDS[lang] or WORDS.en
  local execute = doc.meta.execute or {}
  echo_default = option_bool(execute.echo, false)
  warning_default = option_bool(execute.warning, true)
  numbered = option_bool(doc.meta["number-sections"], true)
  -- for the templates: the same words in the TOC title and in references
  doc.meta["toc-title"] = words.toc
  doc.meta["chapter-word"] = words.chapter
  doc.meta["section-word"] = words.sec
  doc.meta["appendix-word"] = words.appendix

  doc = doc:walk({
    Div = function(div)
      if div.classes:includes("cell") then
        return div.classes:includes("code") and code_cell(div) or div.content
      end
    end,
  })
  if TYPST then
    doc = doc:walk({ Str = typst_rsquo })
  end
  doc = doc:walk({ Div = callout })
  local refs
  doc, refs = number_elements(doc)
  doc = resolve_refs(doc, refs)
  doc = drop_dangling_links(doc)
  if TYPST then
    doc = doc:walk({ Table = typst_table })
  end
  return doc
end
