// lstm_l0_step_one_row: one time step of lstm_l0: h', c': weight_hh @ h for every gate, then h', c' from it (char_lstm.cell:16-22)
// each thread: 1 row of the product for four hidden units of each of 4 gates, in registers, then the step's outputs for them

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<vec4f>;
@group(0) @binding(2) var<storage, read> params_buf: array<vec4f>;

fn sigmoid4(x: vec4f) -> vec4f { return 1.0 / (1.0 + exp(-x)); }
fn tanh_safe4(x: vec4f) -> vec4f { let e = exp(-2.0 * abs(x)); return sign(x) * (1.0 - e) / (1.0 + e); }

override workgroup_x: u32 = 64u; // the workgroup's shape, chosen per adapter
override workgroup_y: u32 = 1u;
override workgroup_z: u32 = 1u;
@compute @workgroup_size(workgroup_x, workgroup_y, workgroup_z)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let tau = sizes.step; // time index
  let read_slot = tau;
  let write_slot = tau + 1u;
  let rows = sizes.B;
  let row0 = gid.y * 1u;
  let unit0 = gid.x * 4u; // four hidden units, of every gate
  if (row0 >= rows || unit0 >= 256u) { return; }
  let quad = unit0 / 4u;
  let a_row0 = 275u * sizes.B * sizes.T + 1024u * sizes.B + 1u + read_slot * 64u * sizes.B + min(row0 + 0u, rows - 1u) * 64u;
  let b_col0 = 21601u + (0u + unit0 + 0u) * 64u;
  let b_col1 = 21601u + (0u + unit0 + 1u) * 64u;
  let b_col2 = 21601u + (0u + unit0 + 2u) * 64u;
  let b_col3 = 21601u + (0u + unit0 + 3u) * 64u;
  let b_col4 = 21601u + (256u + unit0 + 0u) * 64u;
  let b_col5 = 21601u + (256u + unit0 + 1u) * 64u;
  let b_col6 = 21601u + (256u + unit0 + 2u) * 64u;
  let b_col7 = 21601u + (256u + unit0 + 3u) * 64u;
  let b_col8 = 21601u + (512u + unit0 + 0u) * 64u;
  let b_col9 = 21601u + (512u + unit0 + 1u) * 64u;
  let b_col10 = 21601u + (512u + unit0 + 2u) * 64u;
  let b_col11 = 21601u + (512u + unit0 + 3u) * 64u;
  let b_col12 = 21601u + (768u + unit0 + 0u) * 64u;
  let b_col13 = 21601u + (768u + unit0 + 1u) * 64u;
  let b_col14 = 21601u + (768u + unit0 + 2u) * 64u;
  let b_col15 = 21601u + (768u + unit0 + 3u) * 64u;
  var acc0_0 = 0.0;
  var acc0_1 = 0.0;
  var acc0_2 = 0.0;
  var acc0_3 = 0.0;
  var acc0_4 = 0.0;
  var acc0_5 = 0.0;
  var acc0_6 = 0.0;
  var acc0_7 = 0.0;
  var acc0_8 = 0.0;
  var acc0_9 = 0.0;
  var acc0_10 = 0.0;
  var acc0_11 = 0.0;
  var acc0_12 = 0.0;
  var acc0_13 = 0.0;
  var acc0_14 = 0.0;
  var acc0_15 = 0.0;
  for (var k = 0u; k < 64u; k++) {
    let w0 = params_buf[b_col0 + k];
    let w1 = params_buf[b_col1 + k];
    let w2 = params_buf[b_col2 + k];
    let w3 = params_buf[b_col3 + k];
    let w4 = params_buf[b_col4 + k];
    let w5 = params_buf[b_col5 + k];
    let w6 = params_buf[b_col6 + k];
    let w7 = params_buf[b_col7 + k];
    let w8 = params_buf[b_col8 + k];
    let w9 = params_buf[b_col9 + k];
    let w10 = params_buf[b_col10 + k];
    let w11 = params_buf[b_col11 + k];
    let w12 = params_buf[b_col12 + k];
    let w13 = params_buf[b_col13 + k];
    let w14 = params_buf[b_col14 + k];
    let w15 = params_buf[b_col15 + k];
    let a0 = work_buf[a_row0 + k];
    acc0_0 += dot(a0, w0);
    acc0_1 += dot(a0, w1);
    acc0_2 += dot(a0, w2);
    acc0_3 += dot(a0, w3);
    acc0_4 += dot(a0, w4);
    acc0_5 += dot(a0, w5);
    acc0_6 += dot(a0, w6);
    acc0_7 += dot(a0, w7);
    acc0_8 += dot(a0, w8);
    acc0_9 += dot(a0, w9);
    acc0_10 += dot(a0, w10);
    acc0_11 += dot(a0, w11);
    acc0_12 += dot(a0, w12);
    acc0_13 += dot(a0, w13);
    acc0_14 += dot(a0, w14);
    acc0_15 += dot(a0, w15);
  }
  if (row0 + 0u < rows) {
    let i0 = row0 + 0u;
    let product_gate0 = vec4f(acc0_0, acc0_1, acc0_2, acc0_3);
    let product_gate1 = vec4f(acc0_4, acc0_5, acc0_6, acc0_7);
    let product_gate2 = vec4f(acc0_8, acc0_9, acc0_10, acc0_11);
    let product_gate3 = vec4f(acc0_12, acc0_13, acc0_14, acc0_15);
    let hoisted8 = work_buf[19u * sizes.B * sizes.T + 1024u * sizes.B + 1u + tau * 256u * sizes.B + i0 * 256u + quad + 192u];
    let add9 = (hoisted8 + product_gate3);
    let bias_hh = params_buf[87393u + quad + 192u];
    let gates = (add9 + bias_hh);
    let o = sigmoid4(gates);
    let hoisted8_2 = work_buf[19u * sizes.B * sizes.T + 1024u * sizes.B + 1u + tau * 256u * sizes.B + i0 * 256u + quad + 64u];
    let add9_2 = (hoisted8_2 + product_gate1);
    let bias_hh_2 = params_buf[87393u + quad + 64u];
    let gates_2 = (add9_2 + bias_hh_2);
    let f = sigmoid4(gates_2);
    let c = work_buf[403u * sizes.B * sizes.T + 1152u * sizes.B + 1u + ((sizes.T - sizes.step) % 2u) * 64u * sizes.B + i0 * 64u + quad];
    let mul19 = (f * c);
    let hoisted8_3 = work_buf[19u * sizes.B * sizes.T + 1024u * sizes.B + 1u + tau * 256u * sizes.B + i0 * 256u + quad + 0u];
    let add9_3 = (hoisted8_3 + product_gate0);
    let bias_hh_3 = params_buf[87393u + quad + 0u];
    let gates_3 = (add9_3 + bias_hh_3);
    let i = sigmoid4(gates_3);
    let hoisted8_4 = work_buf[19u * sizes.B * sizes.T + 1024u * sizes.B + 1u + tau * 256u * sizes.B + i0 * 256u + quad + 128u];
    let add9_4 = (hoisted8_4 + product_gate2);
    let bias_hh_4 = params_buf[87393u + quad + 128u];
    let gates_4 = (add9_4 + bias_hh_4);
    let g = tanh_safe4(gates_4);
    let mul20 = (i * g);
    let c_next = (mul19 + mul20);
    let tanh22 = tanh_safe4(c_next);
    let h_next = (o * tanh22);
    work_buf[275u * sizes.B * sizes.T + 1024u * sizes.B + 1u + write_slot * 64u * sizes.B + i0 * 64u + quad] = h_next;
    work_buf[403u * sizes.B * sizes.T + 1152u * sizes.B + 1u + ((sizes.T - 1u - sizes.step) % 2u) * 64u * sizes.B + i0 * 64u + quad] = c_next;
  }
}
