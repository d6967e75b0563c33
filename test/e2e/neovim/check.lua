-- Neovim 0.7 end-to-end check of the Route Lens language server, run headless:
--   ROUTE_LENS_SERVER=dist/server.js ROUTE_LENS_ROOT=<workspace> ROUTE_LENS_FILE=<file.py> \
--   ROUTE_LENS_OUT=<result.json> nvim --headless --clean -c 'luafile test/e2e/neovim/check.lua'
-- Starts the server with vim.lsp.start_client (the built-in client, as a user would configure
-- it), opens the file, waits for diagnostics, asks for a hover on a route path, types a
-- duplicate path parameter and undoes it. Writes what the editor saw as JSON; the vitest file
-- (test/e2e/neovim.e2e.ts) asserts on it. Exits 0 when the JSON was written, 1 otherwise.

local env = vim.env
local result = { steps = {} }
local started = vim.loop.hrtime()

local function step(name)
  table.insert(result.steps, name)
  result.ms = result.ms or {}
  table.insert(result.ms, math.floor((vim.loop.hrtime() - started) / 1e6))
end

-- Route Lens diagnostics of the buffer as {code, line, col, message}.
local function diagnostics(bufnr)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(out, { code = d.code or lsp.code, line = d.lnum, col = d.col, message = d.message, source = d.source })
  end
  table.sort(out, function(a, b) return a.line < b.line or (a.line == b.line and a.col < b.col) end)
  return out
end

local function has_code(bufnr, code, line)
  for _, d in ipairs(diagnostics(bufnr)) do
    if d.code == code and (line == nil or d.line == line) then return true end
  end
  return false
end

-- 0-based line of the first buffer line containing `needle` (plain text).
local function find_line(bufnr, needle)
  for i, text in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    local col = text:find(needle, 1, true)
    if col then return i - 1, col - 1 end
  end
  error('no line contains ' .. needle)
end

local function run()
  if env.ROUTE_LENS_LSP_LOG then vim.lsp.set_log_level(env.ROUTE_LENS_LSP_LOG) end
  local timeout = tonumber(env.ROUTE_LENS_TIMEOUT_MS or '30000')
  local client_id = vim.lsp.start_client({
    name = 'route-lens',
    cmd = { env.ROUTE_LENS_NODE or 'node', env.ROUTE_LENS_SERVER, '--stdio' },
    root_dir = env.ROUTE_LENS_ROOT,
    workspace_folders = { { uri = vim.uri_from_fname(env.ROUTE_LENS_ROOT), name = 'workspace' } },
  })
  assert(client_id, 'vim.lsp.start_client failed')
  step('started')

  vim.cmd('edit ' .. vim.fn.fnameescape(env.ROUTE_LENS_FILE))
  local bufnr = vim.api.nvim_get_current_buf()
  result.filetype = vim.bo[bufnr].filetype
  vim.lsp.buf_attach_client(bufnr, client_id)

  -- Diagnostics arrive once the workspace is indexed.
  local ok = vim.wait(timeout, function() return has_code(bufnr, 'RL003') and has_code(bufnr, 'RL004') end, 100)
  result.diagnostics = diagnostics(bufnr)
  if not ok then error('timed out waiting for RL003 and RL004') end
  step('diagnostics')

  -- Hover on a route's path string: the route card (as Neovim's hover window renders it).
  local function hover(needle)
    local line, col = find_line(bufnr, needle)
    local params = {
      textDocument = { uri = vim.uri_from_bufnr(bufnr) },
      position = { line = line, character = col + 3 },
    }
    local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', params, timeout)
    local response = responses and responses[client_id]
    assert(response and response.result, 'no hover at ' .. needle .. ': ' .. vim.inspect(responses))
    return table.concat(vim.lsp.util.convert_input_to_markdown_lines(response.result.contents), '\n')
  end
  result.hoverShadowed = hover('@router.get("/featured")')
  result.hoverDocstring = hover('@router.get("/{item_name}")')
  step('hover')

  -- Type a duplicate path parameter: Starlette would raise ValueError (RL001).
  local dline, dcol = find_line(bufnr, '@router.delete("/{item_name}"')
  local insert_at = dcol + #'@router.delete("/{item_name}'
  vim.api.nvim_win_set_cursor(0, { dline + 1, insert_at })
  vim.api.nvim_put({ '/{item_name}' }, 'c', false, false)
  result.edited = vim.api.nvim_buf_get_lines(bufnr, dline, dline + 1, false)[1]
  ok = vim.wait(timeout, function() return has_code(bufnr, 'RL001', dline) end, 100)
  result.afterEdit = diagnostics(bufnr)
  if not ok then error('timed out waiting for RL001 after the edit') end
  step('edit')

  vim.cmd('silent undo')
  result.undone = vim.api.nvim_buf_get_lines(bufnr, dline, dline + 1, false)[1]
  ok = vim.wait(timeout, function() return not has_code(bufnr, 'RL001') end, 100)
  result.afterUndo = diagnostics(bufnr)
  if not ok then error('RL001 still reported after undo') end
  step('undo')

  vim.lsp.stop_client(client_id)
end

local ok, err = pcall(run)
if not ok then result.error = tostring(err) end
local file = io.open(env.ROUTE_LENS_OUT, 'w')
if file then
  file:write(vim.fn.json_encode(result))
  file:close()
end
-- Neovim would otherwise stay open headless; the exit code tells whether the JSON was written.
vim.cmd(file and 'qall!' or 'cquit 1')
