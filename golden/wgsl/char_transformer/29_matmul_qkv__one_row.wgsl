// matmul_qkv__one_row: layer1.self_attn.in_proj_weight @ y + bias (char_transformer.cell:61)
// a [rows, depth] x [depth, 384] product; each thread computes 1x8 outputs in registers, reading four floats at a time

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<vec4f>;
@group(0) @binding(2) var<storage, read> params_buf: array<vec4f>;

override workgroup_x: u32 = 64u; // the workgroup's shape, chosen per adapter
override workgroup_y: u32 = 1u;
override workgroup_z: u32 = 1u;
@compute @workgroup_size(workgroup_x, workgroup_y, workgroup_z)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let rows = sizes.B * sizes.T;
  let depth = 128u;
  let row0 = gid.y * 1u;
  let col0 = gid.x * 8u;
  if (row0 >= rows || col0 >= 384u) { return; }
  let a_base = 147u * sizes.B * sizes.T + 1u + 5u * sizes.B * sizes.T * sizes.T;
  let b_base = 59712u;
  let y_base = 19u * sizes.B * sizes.T + 1u;
  let bias_base = 72000u;
  let a_row0 = a_base + min(row0 + 0u, rows - 1u) * 32u;
  let b_col0 = b_base + min(col0 + 0u, 383u) * 32u;
  let b_col1 = b_base + min(col0 + 1u, 383u) * 32u;
  let b_col2 = b_base + min(col0 + 2u, 383u) * 32u;
  let b_col3 = b_base + min(col0 + 3u, 383u) * 32u;
  let b_col4 = b_base + min(col0 + 4u, 383u) * 32u;
  let b_col5 = b_base + min(col0 + 5u, 383u) * 32u;
  let b_col6 = b_base + min(col0 + 6u, 383u) * 32u;
  let b_col7 = b_base + min(col0 + 7u, 383u) * 32u;
  var acc0_0 = 0.0;
  var acc0_1 = 0.0;
  var acc0_2 = 0.0;
  var acc0_3 = 0.0;
  var acc0_4 = 0.0;
  var acc0_5 = 0.0;
  var acc0_6 = 0.0;
  var acc0_7 = 0.0;
  for (var k = 0u; k < depth / 4u; k += 1u) {
    let w0 = params_buf[b_col0 + k];
    let w1 = params_buf[b_col1 + k];
    let w2 = params_buf[b_col2 + k];
    let w3 = params_buf[b_col3 + k];
    let w4 = params_buf[b_col4 + k];
    let w5 = params_buf[b_col5 + k];
    let w6 = params_buf[b_col6 + k];
    let w7 = params_buf[b_col7 + k];
    let a0 = work_buf[a_row0 + k];
    acc0_0 += dot(a0, w0);
    acc0_1 += dot(a0, w1);
    acc0_2 += dot(a0, w2);
    acc0_3 += dot(a0, w3);
    acc0_4 += dot(a0, w4);
    acc0_5 += dot(a0, w5);
    acc0_6 += dot(a0, w6);
    acc0_7 += dot(a0, w7);
  }
  if (row0 + 0u < rows) { if (col0 + 0u < 384u) { work_buf[y_base + (row0 + 0u) * 96u + col0 / 4u + 0u] = vec4f(acc0_0, acc0_1, acc0_2, acc0_3) + params_buf[bias_base + col0 / 4u + 0u]; } if (col0 + 4u < 384u) { work_buf[y_base + (row0 + 0u) * 96u + col0 / 4u + 1u] = vec4f(acc0_4, acc0_5, acc0_6, acc0_7) + params_buf[bias_base + col0 / 4u + 1u]; } }
}
