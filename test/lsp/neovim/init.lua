-- Drives Neovim's built-in LSP client against Flotilla's server (test/lsp/neovim.test.ts): opens a
-- federation manifest, waits for diagnostics, asks for completion and hover, and writes what it got as
-- JSON to $FLOTILLA_NVIM_OUT. Works with Neovim 0.7 (Debian 12) and later. Waits poll with vim.wait.
local env = vim.env
local result = { diagnostics = {}, completion = {}, hover = '', error = vim.NIL }

local function code_of(d)
  return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
end

local function run()
  local settings = { flotilla = { clusters = { env.FLOTILLA_NVIM_CLUSTERS }, schemas = { live = false } } }
  local client_id = vim.lsp.start_client({
    name = 'flotilla',
    cmd = { 'node', env.FLOTILLA_NVIM_SERVER, '--stdio' },
    root_dir = env.FLOTILLA_NVIM_ROOT,
    settings = settings,
    -- Neovim before 0.8 answers workspace/configuration but does not announce it: push the settings too.
    on_init = function(client)
      client.notify('workspace/didChangeConfiguration', { settings = client.config.settings })
    end,
  })
  assert(client_id, 'the language server did not start')
  vim.cmd('edit ' .. vim.fn.fnameescape(env.FLOTILLA_NVIM_FILE))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(bufnr, client_id)

  local wanted = vim.split(env.FLOTILLA_NVIM_CODES, ',')
  local function has_all_codes()
    local seen = {}
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do seen[code_of(d) or ''] = true end
    for _, code in ipairs(wanted) do
      if not seen[code] then return false end
    end
    return true
  end
  if not vim.wait(30000, has_all_codes, 20) then error('diagnostics ' .. env.FLOTILLA_NVIM_CODES .. ' did not arrive') end
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(result.diagnostics, { code = code_of(d), line = d.lnum, message = d.message, severity = d.severity })
  end

  local uri = vim.uri_from_bufnr(bufnr)
  local function request(method, line, character)
    local params = { textDocument = { uri = uri }, position = { line = line, character = character } }
    local responses = vim.lsp.buf_request_sync(bufnr, method, params, 10000) or {}
    local response = responses[client_id] or {}
    if response.err then error(method .. ': ' .. vim.inspect(response.err)) end
    return response.result
  end

  local completion = request('textDocument/completion', tonumber(env.FLOTILLA_NVIM_COMPLETE_LINE), tonumber(env.FLOTILLA_NVIM_COMPLETE_CHAR))
  for _, item in ipairs((completion or {}).items or completion or {}) do table.insert(result.completion, item.label) end

  local hover = request('textDocument/hover', tonumber(env.FLOTILLA_NVIM_HOVER_LINE), tonumber(env.FLOTILLA_NVIM_HOVER_CHAR))
  if hover and hover.contents then result.hover = hover.contents.value or hover.contents end
end

local ok, err = pcall(run)
if not ok then result.error = tostring(err) end
local file = assert(io.open(env.FLOTILLA_NVIM_OUT, 'w'))
file:write(vim.fn.json_encode(result))
file:close()
vim.cmd('qall!')
